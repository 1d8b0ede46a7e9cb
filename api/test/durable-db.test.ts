import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mongo } from "mongoose";
import { startEmbeddedServer, type EmbeddedServer } from "../src/db/embedded-server";

/*
 * The embedded database with its H2 file (what `npm start` uses) keeps every acknowledged write
 * when its process is killed with SIGKILL right after the acknowledgement: each write is committed
 * to the file before the reply goes out, like MongoDB's `j: true`.
 */

const INSERTS = 200;
const INCREMENTS = 200;
const COUNTERS = 4;
const WORKERS = 8;

const quiet = () => undefined;

interface Doc {
  _id: number;
  n: number;
}

/** Runs `task(i)` for i in 0..count-1 with at most `width` running at once. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

// Only the embedded server has a file to keep: against MONGODB_URI there is nothing to test here.
const embedded = (process.env["MONGODB_URI"] ?? "") === "";

(embedded ? describe : describe.skip)("the embedded database on its H2 file, killed with SIGKILL", () => {
  const dir = mkdtempSync(join(tmpdir(), "orderflow-durable-"));
  const file = join(dir, "orderflow.mv");
  const servers: EmbeddedServer[] = [];
  const clients: mongo.MongoClient[] = [];

  const start = async () => {
    const server = await startEmbeddedServer({ file, progress: quiet });
    servers.push(server);
    const client = new mongo.MongoClient(server.uri, { maxPoolSize: WORKERS });
    clients.push(client);
    await client.connect();
    return { server, db: client.db("durable") };
  };

  afterAll(async () => {
    for (const client of clients) await client.close(true).catch(() => undefined);
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every write acknowledged before the kill", async () => {
    const first = await start();
    const orders = first.db.collection<Doc>("orders");
    const counters = first.db.collection<Doc>("counters");
    await counters.insertMany(Array.from({ length: COUNTERS }, (_, i) => ({ _id: i, n: 0 })));
    await orders.createIndex({ n: 1 }, { unique: true });

    // Concurrent single-document writes, each awaited (acknowledged, w: 1) before it counts.
    let inserted = 0;
    await pool(INSERTS, WORKERS, async (i) => {
      await orders.insertOne({ _id: i, n: i });
      inserted += 1;
    });
    let incremented = 0;
    await pool(INCREMENTS, WORKERS, async (i) => {
      const result = await counters.updateOne({ _id: i % COUNTERS, n: { $lt: INCREMENTS } }, { $inc: { n: 1 } });
      expect(result.modifiedCount).toBe(1);
      incremented += 1;
    });
    expect([inserted, incremented]).toEqual([INSERTS, INCREMENTS]);

    // No clean shutdown: the process dies at once, as on `kill -9`.
    process.kill(first.server.pid, "SIGKILL");
    await first.server.stop(); // waits for the process to end

    const second = await start();
    const kept = await second.db.collection<Doc>("orders").find({}).toArray();
    const ids = new Set(kept.map((d) => d._id));
    const missing = Array.from({ length: INSERTS }, (_, i) => i).filter((i) => !ids.has(i));
    expect({ kept: kept.length, missing }).toEqual({ kept: INSERTS, missing: [] });
    const counted = await second.db.collection<Doc>("counters").find({}).sort({ _id: 1 }).toArray();
    expect(counted.map((c) => c.n)).toEqual(Array.from({ length: COUNTERS }, () => INCREMENTS / COUNTERS));
    // The unique index came back too.
    await expect(second.db.collection<Doc>("orders").insertOne({ _id: INSERTS, n: 0 })).rejects.toThrow(
      /duplicate key/i,
    );
  });
});
