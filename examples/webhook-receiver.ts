/**
 * An OrderFlow webhook receiver: a small HTTP server that verifies each delivery's Standard
 * Webhooks signature with the `standardwebhooks` library and prints the verified event as one
 * JSON line. Run it with `npm run example:webhook-receiver`, after registering its URL as a webhook
 * (createWebhook) and putting the secret you got in WEBHOOK_SECRET.
 *
 *   WEBHOOK_SECRET  the endpoint's `whsec_…` secret (required)
 *   PORT            where to listen (default 4100), on HOST (default 127.0.0.1)
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

const secret = process.env["WEBHOOK_SECRET"];
if (secret === undefined || !secret.startsWith("whsec_")) {
  console.error("Set WEBHOOK_SECRET to the whsec_… secret createWebhook returned.");
  process.exit(2);
}
const webhook = new Webhook(secret);
/** Deliveries are at least once: a retry carries the same webhook-id, so remember the recent ones. */
const seen = new Set<string>();

const server = createServer((req, res) => {
  if (req.method !== "POST") return void res.writeHead(405).end();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    // Verify the raw bytes as received: a parsed and re-serialised body would not match.
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = {
      "webhook-id": String(req.headers["webhook-id"] ?? ""),
      "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
      "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
    };
    let event: { type: string; timestamp: string; data: unknown };
    try {
      // Checks the HMAC-SHA256 signature and that the timestamp is within 5 minutes of now.
      event = webhook.verify(body, headers) as typeof event;
    } catch (error) {
      const reason = error instanceof WebhookVerificationError ? error.message : "bad request";
      console.error(JSON.stringify({ verified: false, id: headers["webhook-id"], reason }));
      return void res.writeHead(401).end();
    }
    const duplicate = seen.has(headers["webhook-id"]);
    seen.add(headers["webhook-id"]);
    if (seen.size > 10_000) seen.delete(seen.values().next().value as string);
    console.log(JSON.stringify({ verified: true, duplicate, id: headers["webhook-id"], ...event }));
    // Answer 2xx quickly; do slow work after answering (or queue it), or the attempt times out.
    res.writeHead(204).end();
  });
});

server.listen(Number(process.env["PORT"] ?? 4100), process.env["HOST"] ?? "127.0.0.1", () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ listening: `http://${address}:${port}/` }));
});
process.on("SIGTERM", () => server.close());
process.on("SIGINT", () => server.close());
