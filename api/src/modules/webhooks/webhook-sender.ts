import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { Webhook } from "standardwebhooks";
import { hostOf, isPrivateAddress, publicOnlyLookup } from "./address-policy";

/** One signed POST to send. */
export interface SignedMessage {
  readonly url: string;
  /** `webhook-id` */
  readonly id: string;
  readonly body: string;
  /** The endpoint's `whsec_…` secret. */
  readonly secret: string;
  /** `webhook-timestamp` (the time of this attempt). */
  readonly at: Date;
}

/** How an attempt went. */
export interface SendOutcome {
  /** A 2xx answer. */
  readonly ok: boolean;
  /** The HTTP status, or null without an answer. */
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
}

export interface SendOptions {
  readonly timeoutMs: number;
  /** Allow private and loopback addresses (development, tests). */
  readonly allowPrivate: boolean;
}

/** The Standard Webhooks headers of a message, signed with the library. */
export function signedHeaders(message: SignedMessage): Record<string, string> {
  const signature = new Webhook(message.secret).sign(message.id, message.at, message.body);
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(message.at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

/**
 * POSTs a signed message once: no redirects followed, an overall timeout, and (unless private
 * addresses are allowed) the address actually connected to checked, for names through the
 * connection's `lookup` and for literals here, so DNS rebinding cannot reach an internal host.
 */
export async function sendWebhook(message: SignedMessage, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(message.url);
  const host = hostOf(url);
  if (!options.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    return { ok: false, status: null, durationMs: 0, error: `${host} is a private or local address` };
  }
  const body = Buffer.from(message.body);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ok: status !== null && status >= 200 && status < 300, status, durationMs: elapsed(), error });
    };
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(body.length),
          "user-agent": "OrderFlow-Webhooks/1",
          ...signedHeaders(message),
        },
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? null;
        // The body is read and dropped (the status is the answer); a slow one still times out.
        response.on("data", () => undefined);
        response.on("end", () => finish(status, status !== null && status >= 300 ? `HTTP ${status}` : null));
        response.on("error", (error) => finish(status, error.message));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(null, `no answer within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    req.on("error", (error) => finish(null, error.message));
    req.end(body);
  });
}
