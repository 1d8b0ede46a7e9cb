import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import pino from "pino";
import { createClient, type Client, type ClientOptions } from "graphql-ws";
import WebSocket from "ws";
import { startApp, type App, type AppOptions } from "../../src/app";
import type { Clock } from "../../src/clock";
import { parseConfig } from "../../src/config";
import { freshDatabaseName, testServerUri } from "./database";
import { startMailbox, type Mailbox } from "./mailbox";

/** One GraphQL response as the client sees it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

/** The real API on a free port with a fresh database, and clients for both transports. */
export interface TestApp {
  readonly app: App;
  readonly url: string;
  readonly wsUrl: string;
  /** The real SMTP peer the app sends its mails to. */
  readonly mailbox: Mailbox;
  /** POSTs an operation to /graphql, with `Authorization: Bearer <token>` when a token is given. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /**
   * A graphql-ws client; its connection_init carries the token when given. Lazy by default (it
   * connects for an operation and closes after); `{ lazy: false }` keeps one socket open.
   */
  wsClient(token?: string, options?: Partial<ClientOptions>): Client;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly monitorCommands?: boolean;
  readonly scheduler?: AppOptions["scheduler"];
  readonly webhooks?: AppOptions["webhooks"];
  readonly clock?: Clock;
  /** A built web client to serve at `/`. */
  readonly clientDir?: string;
  /** @default the app's account policy, and 1,000 failures per address (tests all come from 127.0.0.1) */
  readonly loginThrottle?: AppOptions["loginThrottle"];
}

const LENIENT_IP = { threshold: 1000, baseLockMs: 60_000, maxLockMs: 900_000, windowMs: 900_000 };

/** Starts the real app in-process, as main.ts does, on a database of its own, mailing a real SMTP peer. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const mailbox = await startMailbox();
  const config = parseConfig({
    NODE_ENV: "test",
    PORT: "0",
    JWT_SECRET: randomBytes(32).toString("hex"),
    SMTP_URL: mailbox.smtpUrl,
    PUBLIC_URL: "http://orderflow.test",
    ...options.env,
  });
  const dbName = freshDatabaseName("app");
  const app = await startApp({
    config,
    logger: pino({ level: "silent" }),
    mongodbUri: testServerUri(),
    dbName,
    loginThrottle: options.loginThrottle ?? { ip: LENIENT_IP },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.clientDir === undefined ? {} : { clientDir: options.clientDir }),
    ...(options.monitorCommands === undefined ? {} : { monitorCommands: options.monitorCommands }),
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
  });
  const url = app.url;
  const wsUrl = `${url.replace(/^http/, "ws")}/graphql`;
  const clients: Client[] = [];
  return {
    app,
    url,
    wsUrl,
    mailbox,
    async graphql<T>(query: string, variables?: Record<string, unknown>, token?: string) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<T>, "status">;
      return { status: response.status, ...body };
    },
    wsClient(token?: string, options?: Partial<ClientOptions>) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
        ...options,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map(async (c) => c.dispose()));
      await mongoose.connection.db?.dropDatabase();
      await app.stop();
      await mailbox.stop();
    },
  };
}

/** Runs one operation over a graphql-ws client and returns its single result, or the close event. */
export function wsRequest<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T | null; errors?: GraphQLResponse["errors"] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: T | null; errors?: GraphQLResponse["errors"] } | undefined;
    client.subscribe<T>(
      { query, ...(variables === undefined ? {} : { variables }) },
      {
        next: (value) => {
          result = value;
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) return resolve({ errors: error as GraphQLResponse["errors"] });
          const { code, reason } = error as { code?: number; reason?: string };
          reject(Object.assign(new Error(`socket closed: ${code} ${reason}`), { code, reason }));
        },
        complete: () => resolve(result ?? {}),
      },
    );
  });
}
