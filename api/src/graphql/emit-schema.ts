import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAppSchema, printAppSchema } from "./schema";
import { REPO_ROOT } from "../paths";

/** The committed schema at the project root, read by codegen, the contract check and a test. */
export const SCHEMA_PATH = join(REPO_ROOT, "schema.graphql");

async function main(): Promise<void> {
  writeFileSync(SCHEMA_PATH, printAppSchema(await buildAppSchema()));
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
}
