import { prepareEmbeddedServer } from "./embedded-server";

/**
 * `npm run db:prepare -w api`: fetches and compiles the embedded database ahead of time (CI runs
 * it before the tests; `npm start` and `npm test` would otherwise do it on first use).
 */
if (require.main === module) {
  try {
    prepareEmbeddedServer();
    process.stdout.write("embedded database ready\n");
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
