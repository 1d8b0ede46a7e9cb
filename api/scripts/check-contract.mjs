#!/usr/bin/env node
// Compares schema.graphql with the API contract (../shared/api-contract.graphql, beside the project
// checkout) using the contract's own checker, and prints what is still missing.
// With --strict (what `npm test` runs, now that the whole contract is built) or CONTRACT_STRICT=1,
// any gap fails; without, gaps are only reported.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const checker = resolve(root, "..", "shared", "tools", "check-contract.mjs");
const strict = process.argv.includes("--strict") || process.env.CONTRACT_STRICT === "1";

if (!existsSync(checker)) {
  console.log(`contract: ${checker} is not beside this checkout; skipped`);
  process.exit(0);
}
const result = spawnSync(process.execPath, [checker, "schema.graphql"], { cwd: root, encoding: "utf8" });
const output = `${result.stdout}${result.stderr}`.trim().split("\n");
const gaps = output.filter((line) => line.startsWith("missing:") || line.startsWith("mismatch"));
console.log(
  gaps.length > 12
    ? [...gaps.slice(0, 12), `… and ${gaps.length - 12} more`, output.at(-1)].join("\n")
    : output.join("\n"),
);
if (result.status !== 0 && strict) process.exit(result.status ?? 1);
