import mongoose, { type Connection } from "mongoose";
import type { Logger } from "../logger";

/** The application's database connection. */
export interface Database {
  readonly connection: Connection;
  /** True when the server answers a ping within the timeout. */
  isReachable(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Overrides the database named in the URI (tests use a fresh one per file). */
  readonly dbName?: string;
  readonly logger?: Logger;
  /** Emit the driver's command events (tests count database commands with them). */
  readonly monitorCommands?: boolean;
}

/**
 * Connects mongoose's default connection (the one the typegoose models use) and creates the
 * models' declared indexes.
 */
export async function connectDatabase(uri: string, options: ConnectOptions = {}): Promise<Database> {
  mongoose.set("strictQuery", true);
  await mongoose.connect(uri, {
    ...(options.dbName !== undefined ? { dbName: options.dbName } : {}),
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 32,
    monitorCommands: options.monitorCommands ?? false,
  });
  const { connection } = mongoose;
  await Promise.all(Object.values(connection.models).map((model) => model.init()));
  options.logger?.info({ db: connection.name }, "database connected");
  return {
    connection,
    async isReachable(timeoutMs = 2000) {
      const db = connection.db;
      if (db === undefined || connection.readyState !== mongoose.ConnectionStates.connected) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((done) => {
        timer = setTimeout(() => done(false), timeoutMs);
      });
      try {
        return await Promise.race([
          db
            .admin()
            .ping()
            .then(() => true as const),
          timeout,
        ]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await mongoose.disconnect();
    },
  };
}
