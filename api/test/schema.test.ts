import { readFileSync } from "node:fs";
import { SCHEMA_PATH } from "../src/graphql/emit-schema";
import { buildAppSchema, printAppSchema } from "../src/graphql/schema";

describe("schema.graphql", () => {
  it("is what the code's schema prints (run `npm run generate` when this fails)", async () => {
    const committed = readFileSync(SCHEMA_PATH, "utf8");
    expect(committed).toBe(printAppSchema(await buildAppSchema()));
  });
});
