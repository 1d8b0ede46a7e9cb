import type { CodegenConfig } from "@graphql-codegen/cli";

/** How the API's scalars arrive in JSON, for every target. */
const scalars = { DateTime: "string", SafeInt: "number", JSONObject: "Record<string, unknown>" };

/**
 * Generates the operation types from the committed schema.graphql and the GraphQL documents: the
 * web client's (client/src) and the example integrators' (examples/). Run from the project root:
 * `npm run generate` (schema, then this).
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  ignoreNoDocuments: false,
  generates: {
    "client/src/gql/": {
      documents: ["client/src/**/*.{ts,tsx}", "!client/src/gql/**"],
      preset: "client",
      presetConfig: { fragmentMasking: true },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars,
      },
    },
    "examples/gql/": {
      documents: ["examples/*.ts"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars },
    },
  },
};

export default config;
