import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import pino from "pino";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startApp, type App } from "../../src/app";
import { parseConfig } from "../../src/config";
import { freshDatabaseName, testServerUri } from "./database";

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
  /** POSTs an operation to /graphql, with `Authorization: Bearer <token>` when a token is given. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** A graphql-ws client; its connection_init carries the token when given. */
  wsClient(token?: string): Client;
  stop(): Promise<void>;
}

/** Starts the real app in-process, as main.ts does, on a database of its own. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = parseConfig({
    NODE_ENV: "test",
    PORT: "0",
    JWT_SECRET: randomBytes(32).toString("hex"),
    ...env,
  });
  const dbName = freshDatabaseName("app");
  const app = await startApp({ config, logger: pino({ level: "silent" }), mongodbUri: testServerUri(), dbName });
  const url = app.url;
  const wsUrl = `${url.replace(/^http/, "ws")}/graphql`;
  const clients: Client[] = [];
  return {
    app,
    url,
    wsUrl,
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
    wsClient(token?: string) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map(async (c) => c.dispose()));
      await mongoose.connection.db?.dropDatabase();
      await app.stop();
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
