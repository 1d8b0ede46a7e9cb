import "./production-mode";
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import mongoose from "mongoose";
import pino from "pino";
import { startApp } from "../../src/app";
import { systemClock } from "../../src/clock";
import { parseConfig } from "../../src/config";
import { WebhookEventType } from "../../src/modules/webhooks";
import { WebhookOutbox } from "../../src/modules/webhooks/webhook-outbox";
import { optionReader } from "../lib/integer-option";
import { BENCH_ADMIN, benchPeers, graphql, progress, runBenchmark, stopStack, type Stoppable } from "./harness";

const option = optionReader(/^WEBHOOKS_BENCH_/);

/*
 * Webhook delivery speed and the retry schedule seen (`npm run bench:webhooks` at the project
 * root): the real app in-process on the embedded database (or MONGODB_URI) and a local receiver
 * answering 204 at once. N events are enqueued through the real outbox and the app's worker sends
 * them; then one event to a receiver that fails every attempt shows the retry gaps, on the default
 * schedule scaled down (base WEBHOOKS_BENCH_RETRY_BASE_MS instead of 10 s). Prints one JSON object.
 *
 *   WEBHOOKS_BENCH_EVENTS         events to deliver                (default 2000)
 *   WEBHOOKS_BENCH_RETRY_BASE_MS  first retry wait, scaled schedule (default 50)
 *   WEBHOOKS_BENCH_ATTEMPTS       attempts of the failing delivery  (default 6)
 */
interface Options {
  readonly events: number;
  readonly retryBaseMs: number;
  readonly attempts: number;
}

const readOptions = (): Options => ({
  events: option("WEBHOOKS_BENCH_EVENTS", 2000, 1, 1_000_000),
  retryBaseMs: option("WEBHOOKS_BENCH_RETRY_BASE_MS", 50, 1, 10_000),
  attempts: option("WEBHOOKS_BENCH_ATTEMPTS", 6, 2, 10),
});

/** A receiver answering `status` at once, noting when each request of each webhook-id arrived. */
async function receiver(status: number, stack: Stoppable[]) {
  const arrivals = new Map<string, number[]>();
  let count = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = String(req.headers["webhook-id"]);
      arrivals.set(id, [...(arrivals.get(id) ?? []), performance.now()]);
      count++;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stack.push({ name: "receiver", stop: () => new Promise((resolve) => server.close(resolve)) });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, arrivals, count: () => count };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function run(options: Options): Promise<boolean> {
  const stack: Stoppable[] = [];
  try {
    const { mongodbUri, database, smtpUrl } = await benchPeers(stack);
    const config = parseConfig({
      NODE_ENV: "test",
      PORT: "0",
      JWT_SECRET: randomBytes(32).toString("hex"),
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      SMTP_URL: smtpUrl,
    });
    const retry = { baseMs: options.retryBaseMs, maxAttempts: options.attempts };
    const app = await startApp({
      config,
      logger: pino({ level: "silent" }),
      mongodbUri,
      dbName: `orderflow_webhooks_bench_${randomBytes(4).toString("hex")}`,
      scheduler: { enabled: false },
      webhooks: { pollMs: 10, retry },
    });
    stack.push({ name: "app", stop: () => app.stop() });
    stack.push({ name: "bench database", stop: () => mongoose.connection.db!.dropDatabase() });
    const { login } = await graphql<{ login: { token: string } }>(
      app.url,
      `
        mutation ($i: LoginInput!) {
          login(input: $i) {
            token
          }
        }
      `,
      { i: { email: BENCH_ADMIN.email, password: BENCH_ADMIN.password } },
    );
    const register = (url: string, events: string[]) =>
      graphql(
        app.url,
        `
          mutation ($i: CreateWebhookInput!) {
            createWebhook(input: $i) {
              secret
            }
          }
        `,
        { i: { url, events } },
        login.token,
      );

    const fast = await receiver(204, stack);
    await register(fast.url, ["PRODUCT_STOCK_CHANGED"]);
    const outbox = new WebhookOutbox(systemClock);
    progress(`delivering ${options.events} events to a local receiver…`);
    const started = performance.now();
    let next = 0;
    const enqueuer = async () => {
      for (let i = next++; i < options.events; i = next++) {
        await outbox.enqueue({ id: `msg_bench_${i}`, type: WebhookEventType.PRODUCT_STOCK_CHANGED, data: { i } });
      }
    };
    await Promise.all(Array.from({ length: 16 }, enqueuer));
    const enqueuedMs = performance.now() - started;
    await until(() => fast.count() >= options.events, 600_000);
    const deliveredMs = performance.now() - started;
    const arrivals = [...fast.arrivals.values()].map((a) => a[0]);
    const sendingMs = Math.max(...arrivals) - Math.min(...arrivals);

    const failing = await receiver(500, stack);
    await register(failing.url, ["PRODUCT_DELETED"]);
    progress(`one event to a receiver that always fails, ${options.attempts} attempts…`);
    await outbox.enqueue({ id: "msg_bench_failing", type: WebhookEventType.PRODUCT_DELETED, data: {} });
    await until(() => (failing.arrivals.get("msg_bench_failing")?.length ?? 0) >= options.attempts, 600_000);
    const times = failing.arrivals.get("msg_bench_failing")!;
    const gapsMs = times.slice(1).map((t, i) => Math.round(t - times[i]));
    const nominalMs = gapsMs.map((_, i) => Math.min(8 * 3_600_000, options.retryBaseMs * 4 ** i));

    const result = {
      benchmark: "webhooks",
      database,
      events: options.events,
      duplicates: [...fast.arrivals.values()].filter((a) => a.length > 1).length,
      enqueuePerSec: Math.round(options.events / (enqueuedMs / 1000)),
      /** From the first enqueue to the last delivery. */
      endToEndPerSec: Math.round(options.events / (deliveredMs / 1000)),
      /** Between the first and the last arrival at the receiver. */
      deliveriesPerSec: Math.round(options.events / (sendingMs / 1000)),
      retry: {
        schedule: `base ${options.retryBaseMs} ms ×4 per attempt, ±20 % jitter (production: base 10 s, cap 8 h, 10 attempts)`,
        attempts: times.length,
        gapsMs,
        nominalMs,
      },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.duplicates === 0;
  } finally {
    await stopStack(stack);
  }
}

runBenchmark(readOptions, run);
