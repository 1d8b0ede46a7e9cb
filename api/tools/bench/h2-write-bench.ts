import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mongo } from "mongoose";
import { startEmbeddedServer } from "../../src/db/embedded-server";
import { optionReader } from "../lib/integer-option";
import { progress } from "./harness";

/*
 * Write throughput of the embedded database on its H2 file (what `npm start` uses), which commits
 * every write before acknowledging it: `npm run build -w api && node api/dist/bench/h2-write-bench.js`.
 * Prints inserts/s and conditional $inc updates/s, one client at a time and WORKERS at once, as JSON.
 *
 * Options (environment, or --name=value on the command line):
 *   BENCH_WRITES   writes per measurement  (default 2000)
 *   BENCH_WORKERS  writes in flight at once in the concurrent measurements  (default 8)
 */

const option = optionReader(/^BENCH_/);

async function pool(count: number, width: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: width }, worker));
  return Math.round(count / ((performance.now() - started) / 1000));
}

async function main(): Promise<void> {
  const writes = option("BENCH_WRITES", 2000, 1, 1_000_000);
  const workers = option("BENCH_WORKERS", 8, 1, 256);
  const dir = mkdtempSync(join(tmpdir(), "orderflow-h2-bench-"));
  const server = await startEmbeddedServer({ file: join(dir, "bench.mv"), progress });
  const client = new mongo.MongoClient(server.uri, { maxPoolSize: workers });
  try {
    await client.connect();
    const db = client.db("bench");
    const orders = db.collection<{ _id: number; round: number }>("orders");
    const stock = db.collection<{ _id: number; stock: number }>("stock");
    await stock.insertMany(Array.from({ length: 16 }, (_, i) => ({ _id: i, stock: 1_000_000_000 })));
    const decrement = (i: number) => stock.updateOne({ _id: i % 16, stock: { $gte: 1 } }, { $inc: { stock: -1 } });
    const result = {
      writes,
      workers,
      insertsPerSecond1: await pool(writes, 1, (i) => orders.insertOne({ _id: i, round: 1 })),
      insertsPerSecondN: await pool(writes, workers, (i) => orders.insertOne({ _id: writes + i, round: 2 })),
      conditionalIncPerSecond1: await pool(writes, 1, decrement),
      conditionalIncPerSecondN: await pool(writes, workers, decrement),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await client.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
