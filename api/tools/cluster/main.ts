import { ORDERFLOW_DIR } from "../paths";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { optionReader } from "../lib/integer-option";
import { CLIENT_DIST, startCluster, type Cluster } from "./cluster";

/** `.orderflow/cluster`: the cluster's data, apart from `npm start`'s. */
const DATA_DIR = join(ORDERFLOW_DIR, "cluster");

function say(line: string): void {
  process.stdout.write(`[cluster] ${line}\n`);
}

const option = optionReader(/^CLUSTER_/);
/** A port from the environment (CLUSTER_PORT) or a flag (--port=). */
const port = (name: string, fallback: number) => option(name, fallback, 1, 65_535);

/**
 * `npm run cluster`: the production topology on this machine, without Docker. The embedded
 * database (kept in .orderflow/cluster/db), a redis-server, two API instances and nginx in front.
 * Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  if (!existsSync(join(CLIENT_DIST, "index.html"))) {
    throw new Error(`the web client is not built (${CLIENT_DIST}): run npm run cluster from the project root`);
  }
  const running: { cluster?: Cluster } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      say(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}: stopping nginx, the API instances, redis-server and the database`);
    await running.cluster?.stop();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));

  const mailPorts = { smtp: port("CLUSTER_SMTP_PORT", 1025), web: port("CLUSTER_MAIL_PORT", 1080) };
  const cluster = await startCluster({
    dataDir: DATA_DIR,
    port: port("CLUSTER_PORT", 8080),
    databaseFile: join(DATA_DIR, "db", "orderflow.mv"),
    mailPorts,
    progress: say,
  });
  running.cluster = cluster;
  if (stopping) return;
  for (const instance of cluster.instances) {
    say(
      `${instance.name} at ${instance.url} (pid ${instance.process.child.pid}), log in ${join(DATA_DIR, "logs", `${instance.name}.log`)}`,
    );
  }
  say(`redis-server at ${cluster.redisUrl}; database at ${cluster.mongodbUri}`);
  say(`mail inbox at ${cluster.inboxUrl ?? "(none)"}`);
  say(`admin: ${cluster.adminEmail}, password in ${join(DATA_DIR, "admin-password")}`);
  say("");
  say(`OrderFlow cluster is running at ${cluster.url}  (GraphQL: ${cluster.url}/graphql)`);
  say("press Ctrl-C to stop everything");

  // An instance that dies on its own is reported; the other one carries on behind nginx.
  for (const instance of cluster.instances) {
    const watched = instance.process;
    void watched.exited.then((code) => {
      if (!stopping && instance.process === watched) say(`${instance.name} exited (code ${code}); see its log`);
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`The cluster could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
