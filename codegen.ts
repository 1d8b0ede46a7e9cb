import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Generates the web client's operation types from the committed schema.graphql and the GraphQL
 * documents in client/src. Run from the project root: `npm run generate` (schema, then this).
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["client/src/**/*.{ts,tsx}", "!client/src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "client/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: true },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", SafeInt: "number", JSONObject: "Record<string, unknown>" },
      },
    },
  },
};

export default config;
