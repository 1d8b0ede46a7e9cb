/**
 * An example integrator: a warehouse that ships orders as soon as they are approved.
 *
 * It holds an API token with `orders:read` and `fulfilment:write` only. It subscribes to order
 * changes over graphql-ws (the token in `connectionParams`), marks each APPROVED order SHIPPED
 * with `setFulfilmentStatus`, and on start ships what was approved while it was away. The types of
 * every operation are generated from the schema (`npm run codegen`, examples/gql/).
 *
 *   ORDERFLOW_URL=http://localhost:4000 ORDERFLOW_TOKEN=of_… npm run example:warehouse
 *
 * It prints one JSON line per event (`ready`, `shipped`, `skipped`, `waiting`) and stops on
 * SIGINT or SIGTERM, or when the API closes its socket for good (a revoked or expired token).
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { graphql } from "./gql";

const OrderUpdated = graphql(`
  subscription WarehouseOrderUpdated {
    orderUpdated {
      id
      status
      items {
        productName
        quantity
      }
    }
  }
`);

const ApprovedOrders = graphql(`
  query WarehouseApprovedOrders {
    orders(filter: { status: [APPROVED] }, first: 50) {
      nodes {
        id
      }
    }
  }
`);

const ShipOrder = graphql(`
  mutation WarehouseShipOrder($id: ID!) {
    setFulfilmentStatus(id: $id, status: SHIPPED) {
      id
      status
    }
  }
`);

/** A refusal by the API, with the contract's code. */
class ApiError extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors.map((e) => `${codeOf(e) ?? "ERROR"}: ${e.message}`).join("; "));
  }

  get code(): string | undefined {
    return this.errors[0] === undefined ? undefined : codeOf(this.errors[0]);
  }
}

function codeOf(error: GraphQLFormattedError): string | undefined {
  const code = error.extensions?.["code"];
  return typeof code === "string" ? code : undefined;
}

const say = (event: string, fields: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one query or mutation over the socket and returns its data. A TOO_MANY_REQUESTS answer
 * (the token's rate limit) waits the `retryAfterSec` it gives and tries again.
 */
async function execute<Result, Variables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  for (;;) {
    try {
      return await once(client, document, variables);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "TOO_MANY_REQUESTS") throw error;
      const seconds = Number(error.errors[0]?.extensions?.["retryAfterSec"] ?? 1);
      say("waiting", { seconds });
      await sleep(seconds * 1000);
    }
  }
}

function once<Result, Variables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    let data: Result | undefined;
    client.subscribe<Result>(
      { query: print(document), variables },
      {
        next: (result) => {
          if (result.errors !== undefined) reject(new ApiError(result.errors));
          else if (result.data !== undefined && result.data !== null) data = result.data;
        },
        error: (error) => reject(Array.isArray(error) ? new ApiError(error as GraphQLFormattedError[]) : closed(error)),
        complete: () => (data === undefined ? reject(new Error("no data")) : resolve(data)),
      },
    );
  });
}

/** An Error for a socket that closed (a CloseEvent) or failed. */
function closed(error: unknown): Error {
  if (error instanceof Error) return error;
  const { code, reason } = error as { code?: number; reason?: string };
  return new Error(`the API closed the connection (${code ?? "?"} ${reason ?? ""})`.trim());
}

/** Ships orders once each: the live feed and the catch-up on start may both name one. */
function makeShipper(client: Client) {
  const done = new Set<string>();
  return async (orderId: string) => {
    if (done.has(orderId)) return;
    done.add(orderId);
    try {
      const { setFulfilmentStatus } = await execute(client, ShipOrder, { id: orderId });
      say("shipped", { orderId: setFulfilmentStatus.id, status: setFulfilmentStatus.status });
    } catch (error) {
      // Cancelled or shipped by someone else in the meantime: the API says why (CONFLICT).
      if (!(error instanceof ApiError)) throw error;
      say("skipped", { orderId, reason: error.message });
    }
  };
}

/** Ships what is APPROVED now, page after page, until a page brings nothing new. */
async function catchUp(client: Client, ship: (orderId: string) => Promise<void>): Promise<void> {
  const seen = new Set<string>();
  for (;;) {
    const { orders } = await execute(client, ApprovedOrders, {});
    const fresh = orders.nodes.filter((order) => !seen.has(order.id));
    if (fresh.length === 0) return;
    for (const order of fresh) {
      seen.add(order.id);
      await ship(order.id);
    }
  }
}

async function main(): Promise<void> {
  const url = process.env["ORDERFLOW_URL"] ?? "http://localhost:4000";
  const token = process.env["ORDERFLOW_TOKEN"];
  if (token === undefined || !token.startsWith("of_")) {
    throw new Error("Set ORDERFLOW_TOKEN to an API token (of_…) with orders:read and fulfilment:write.");
  }
  const client = createClient({
    url: `${url.replace(/^http/, "ws").replace(/\/+$/, "")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    onNonLazyError: (error) => {
      say("stopped", { reason: closed(error).message });
      process.exitCode = 1;
    },
  });
  const stop = () => void client.dispose();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const ship = makeShipper(client);
  const updates = client.iterate({ query: print(OrderUpdated) });
  const first = updates.next();
  await catchUp(client, ship);
  say("ready", { url });
  for (let next = await first; next.done !== true; next = await updates.next()) {
    const { data, errors } = next.value as {
      data?: { orderUpdated: { id: string; status: string } };
      errors?: unknown;
    };
    if (errors !== undefined) throw new ApiError(errors as GraphQLFormattedError[]);
    if (data?.orderUpdated.status === "APPROVED") await ship(data.orderUpdated.id);
  }
}

main().catch((error: unknown) => {
  say("stopped", { reason: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
