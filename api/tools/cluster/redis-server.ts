import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Redis } from "ioredis";
import { freePort } from "../../src/lib/free-port";
import { findExecutable, supervise } from "./supervised";

/** A real `redis-server` of its own on a loopback port, without persistence. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`, for REDIS_URL. */
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** What the server printed (the last lines), for failure messages. */
  readonly lines: readonly string[];
  /** Kills the server and waits for it to exit (SIGTERM, then SIGKILL after `graceMs`). Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

const BINARY = "redis-server";
const KEPT_LINES = 200;

/** The port was taken by someone else between choosing it and binding it. */
class PortTakenError extends Error {}

/** The process id of the Redis server answering PING at `port`, or undefined if none answers yet. */
async function pidAnswering(port: number): Promise<number | undefined> {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => undefined); // a refused connection is the expected "not yet"
  try {
    await client.connect();
    if ((await client.ping()) !== "PONG") return undefined;
    const pid = /^process_id:(\d+)/m.exec(await client.info("server"))?.[1];
    return pid === undefined ? undefined : Number(pid);
  } catch {
    return undefined;
  } finally {
    // On a connection that already ended, disconnect() would leave a 2 s timer holding the process.
    if (client.status !== "end") client.disconnect();
  }
}

/**
 * Starts `redis-server` on a free loopback port (`--save "" --appendonly no --bind 127.0.0.1`),
 * waits until it answers PING and returns it; call `stop()` in afterAll. If the process that
 * started it exits without stopping it, the server is killed too (not if that process is itself
 * killed with SIGKILL).
 */
export async function startRedisServer(options: { timeoutMs?: number } = {}): Promise<RedisServer> {
  const binary = findExecutable(BINARY);
  if (binary === undefined) {
    throw new Error(
      `${BINARY} is not on PATH: the cluster and the Redis tests need a real Redis. Install it ` +
        `(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and run them again.`,
    );
  }
  // Another process may take the free port between the check and the bind: try again then.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOn(binary, await freePort(), options.timeoutMs ?? 10_000);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw lastError;
}

async function startOn(binary: string, port: number, timeoutMs: number): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "orderflow-redis-"));
  const child = spawn(
    binary,
    ["--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--port", String(port), "--dir", dir],
    // Its own process group: a Ctrl-C in the terminal reaches the parent only, which stops it in order.
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > KEPT_LINES) lines.shift();
  };
  createInterface({ input: child.stdout }).on("line", keep);
  createInterface({ input: child.stderr }).on("line", keep);

  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  const supervised = supervise(child, { group: true });
  const stop = async (graceMs = 5_000): Promise<void> => {
    try {
      await supervised.stop("SIGTERM", graceMs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const hasExited = supervised.hasExited;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError !== undefined || hasExited()) {
      await stop();
      const output = lines.join("\n");
      if (/Address already in use/i.test(output)) throw new PortTakenError(`port ${port} is taken:\n${output}`);
      throw new Error(
        `${binary} ${spawnError === undefined ? `exited (code ${child.exitCode}, signal ${child.signalCode})` : `failed: ${spawnError.message}`}` +
          ` before answering PING on port ${port}:\n${output}`,
      );
    }
    const pid = await pidAnswering(port);
    if (pid === child.pid) break;
    if (pid !== undefined) {
      // Another Redis holds the port; ours is about to fail to bind.
      await stop();
      throw new PortTakenError(`port ${port} is held by another Redis (pid ${pid})`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${binary} did not answer PING on port ${port} within ${timeoutMs} ms:\n${lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return { url: `redis://127.0.0.1:${port}`, port, child, lines, stop };
}
