import { Webhook } from "standardwebhooks";
import { must } from "./accounts";
import type { TestApp } from "./test-app";
import type { ReceivedHook } from "./webhook-receiver";

export const ALL_EVENTS = ["ORDER_PLACED", "ORDER_STATUS_CHANGED", "PRODUCT_STOCK_CHANGED", "PRODUCT_DELETED"];

export const DELIVERY_FIELDS =
  "id webhookId eventId eventType status attempts responseStatus durationMs lastError history { responseStatus error }";

export interface DeliveryRow {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  lastError: string | null;
  history: Array<{ responseStatus: number | null; error: string | null }>;
}

/** Registers a webhook as the admin; returns its id and secret. */
export async function createWebhook(
  api: TestApp,
  adminToken: string,
  url: string,
  events: readonly string[] = ALL_EVENTS,
): Promise<{ id: string; secret: string }> {
  const data = await must<{ createWebhook: { secret: string; webhook: { id: string } } }>(
    api,
    `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`,
    { input: { url, events, description: "test receiver" } },
    adminToken,
  );
  return { id: data.createWebhook.webhook.id, secret: data.createWebhook.secret };
}

/** The deliveries of a webhook, newest first. */
export async function deliveriesOf(api: TestApp, adminToken: string, webhookId: string): Promise<DeliveryRow[]> {
  const data = await must<{ webhookDeliveries: { nodes: DeliveryRow[] } }>(
    api,
    `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 100) { nodes { ${DELIVERY_FIELDS} } } }`,
    { id: webhookId },
    adminToken,
  );
  return data.webhookDeliveries.nodes;
}

/** Polls until `predicate` holds for the webhook's deliveries. */
export async function waitForDeliveries(
  api: TestApp,
  adminToken: string,
  webhookId: string,
  predicate: (rows: DeliveryRow[]) => boolean,
  timeoutMs = 15_000,
): Promise<DeliveryRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await deliveriesOf(api, adminToken, webhookId);
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`deliveries never matched: ${JSON.stringify(rows, null, 1)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The verified payload of a received hook (throws when the signature does not verify). */
export function verified(secret: string, hook: ReceivedHook): { type: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(hook.body, {
    "webhook-id": String(hook.headers["webhook-id"]),
    "webhook-timestamp": String(hook.headers["webhook-timestamp"]),
    "webhook-signature": String(hook.headers["webhook-signature"]),
  }) as { type: string; data: Record<string, unknown> };
}

export const idOf = (hook: ReceivedHook) => String(hook.headers["webhook-id"]);
