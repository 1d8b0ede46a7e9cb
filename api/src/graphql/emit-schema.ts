import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildAppSchema, printAppSchema } from "./schema";

/** The committed schema at the project root, read by codegen, the contract check and a test. */
export const SCHEMA_PATH = resolve(__dirname, "..", "..", "..", "schema.graphql");

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
