import { randomBytes } from "node:crypto";
import { mongo } from "mongoose";
import { connectDatabase, type Database } from "../../src/db/connect";

/** Set by the global setup: the server every test file connects to. */
export const TEST_MONGODB_URI_VAR = "ORDERFLOW_TEST_MONGODB_URI";

/** The run's database server (the embedded one, or MONGODB_URI). */
export function testServerUri(): string {
  const uri = process.env[TEST_MONGODB_URI_VAR];
  if (uri === undefined) throw new Error(`${TEST_MONGODB_URI_VAR} is unset: run the tests through jest's global setup`);
  return uri;
}

/** A database name no other test file uses. */
export function freshDatabaseName(label = "test"): string {
  return `${label.replace(/[^a-z0-9]/gi, "_").slice(0, 30)}_${randomBytes(4).toString("hex")}`;
}

/** A driver connection to a fresh database of the test server; `drop()` removes it. */
export async function openTestDatabase(
  label?: string,
): Promise<{ db: mongo.Db; client: mongo.MongoClient; drop(): Promise<void> }> {
  const client = new mongo.MongoClient(testServerUri(), { maxPoolSize: 64 });
  await client.connect();
  const db = client.db(freshDatabaseName(label));
  return {
    db,
    client,
    async drop() {
      await db.dropDatabase();
      await client.close();
    },
  };
}

/**
 * Connects mongoose (the models' connection) to a fresh database of the test server for a spec
 * that tests services directly; call the returned function in afterAll.
 */
export async function connectModels(label = "spec"): Promise<() => Promise<void>> {
  const db = await connectDatabase(testServerUri(), { dbName: freshDatabaseName(label) });
  return async () => {
    await db.connection.db?.dropDatabase();
    await db.close();
  };
}

/**
 * Connects the models' connection (mongoose's default) to a fresh database before the enclosing
 * tests and drops it after them; the returned getter gives the database while they run.
 */
export function useModelDatabase(label: string, options: { monitorCommands?: boolean } = {}): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await connectDatabase(testServerUri(), { dbName: freshDatabaseName(label), ...options });
  });
  afterAll(async () => {
    await database?.connection.db?.dropDatabase();
    await database?.close();
  });
  return () => {
    if (database === undefined) throw new Error("the database is set up in beforeAll");
    return database;
  };
}
