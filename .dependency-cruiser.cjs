// @ts-check
/**
 * Import-cycle check (`npm run cycles`): a module that imports itself through others cannot be
 * read, tested or loaded on its own. Type-only imports count too: they tie the files as much.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "This file imports itself through the files listed: move the shared piece into a file of its own.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "api/tsconfig.json" },
    enhancedResolveOptions: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      exportsFields: ["exports"],
      conditionNames: ["types", "require", "import", "node", "default"],
    },
  },
};
