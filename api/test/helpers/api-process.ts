import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mongo } from "mongoose";
import { ADMIN_ENV } from "./accounts";
import { freshDatabaseName, testServerUri } from "./database";
import { startMailbox, type Mailbox } from "./mailbox";

/** POSTs an operation to a running API at `url` and returns its data, failing on errors. */
export { graphql as mustAt } from "../../tools/bench/harness";

/** What tests of real API processes share: a fresh database, a mail peer, a data folder, an environment. */
export interface ProcessStack {
  readonly db: mongo.Db;
  readonly mailbox: Mailbox;
  /** The environment of every API process of the test (first admin, database, mail, data folder). */
  readonly env: Readonly<Record<string, string>>;
  /** Drops the database, stops the mail peer and removes the data folder. */
  stop(): Promise<void>;
}

/** Sets up a ProcessStack named after the test (`label`). */
export async function startProcessStack(label: string): Promise<ProcessStack> {
  const mailbox = await startMailbox();
  const dataDir = mkdtempSync(join(tmpdir(), `orderflow-${label}-`));
  const dbName = freshDatabaseName(label);
  const client = new mongo.MongoClient(testServerUri());
  await client.connect();
  const db = client.db(dbName);
  return {
    db,
    mailbox,
    env: {
      ...ADMIN_ENV,
      MONGODB_URI: `${testServerUri()}/${dbName}`,
      PORT: "0",
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      JWT_SECRET: randomBytes(32).toString("hex"),
      SMTP_URL: mailbox.smtpUrl,
      DATA_DIR: dataDir,
    },
    async stop() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
      await mailbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
