// Imported first by the benchmarks that run the API in their own process. Libraries read NODE_ENV
// when they load: outside production graphql-js checks every `instanceof` it makes for values
// from another copy of itself. The image runs with NODE_ENV=production, so the benchmarks do too;
// the app's own settings still come from the config each benchmark passes.
process.env["NODE_ENV"] = "production";
