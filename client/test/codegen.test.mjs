import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

test("the generated client types in client/src/gql match schema.graphql and the documents", () => {
  const result = spawnSync("npx", ["graphql-codegen", "--config", "codegen.ts", "--check"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(result.status, 0, `stale generated types: run \`npm run generate\`\n${result.stdout}${result.stderr}`);
});
