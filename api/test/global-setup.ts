import { startEmbeddedServer, type EmbeddedServer } from "../src/db/embedded-server";
import { TEST_MONGODB_URI_VAR } from "./helpers/database";

declare global {
  var __EMBEDDED_DB__: EmbeddedServer | undefined;
}

/**
 * Starts one in-memory embedded server for the run, unless MONGODB_URI points at a real MongoDB:
 * then the same tests run against that instead.
 */
export default async function globalSetup(): Promise<void> {
  const external = process.env["MONGODB_URI"];
  if (external !== undefined && external !== "") {
    process.env[TEST_MONGODB_URI_VAR] = external;
    process.stderr.write(`\nTests use MONGODB_URI (${new URL(external).host}).\n`);
    return;
  }
  const server = await startEmbeddedServer({
    progress: (line) => process.stderr.write(`\n${line}`),
  });
  globalThis.__EMBEDDED_DB__ = server;
  process.env[TEST_MONGODB_URI_VAR] = server.uri;
  process.stderr.write(`\nTests use the embedded database (mongo-java-server, in memory) at ${server.uri}.\n`);
}
