import { randomUUID } from "node:crypto";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { LogLevel, LogType, type LogService } from "../logs";
import { retryDelayMs, type RetrySchedule } from "./retry-schedule";
import { WebhookDeliveryStatus } from "./webhook-event-type";
import { sendWebhook, type SendOutcome } from "./webhook-sender";
import {
  WebhookDeliveryModel,
  WebhookEndpointModel,
  type DeliveryAttempt,
  type WebhookDeliveryDocument,
} from "./webhook.model";

/** Options of {@link DeliveryWorker}. */
export interface DeliveryWorkerOptions {
  /** Deliveries in flight at once on this instance. @default 8 */
  readonly concurrency?: number;
  /** How often due deliveries (retries, other instances' events) are looked for. @default 1000 */
  readonly pollMs?: number;
  /** An attempt's answer must come within this. @default 10000 */
  readonly timeoutMs: number;
  /** Allow private and loopback targets. */
  readonly allowPrivate: boolean;
  readonly retry: RetrySchedule;
  /** An endpoint is disabled once this many deliveries in a row failed every attempt. @default 5 */
  readonly disableAfter?: number;
  /** A number in [0, 1) for the jitter. @default Math.random */
  readonly random?: () => number;
}

/**
 * Sends the outbox's due deliveries, on every instance. A delivery is claimed with one conditional
 * update that moves its `nextAttemptAt` a lease ahead (the timeout plus a margin), so another
 * instance takes it only if this one died mid-attempt; the outcome is recorded only under the
 * claim. So each event reaches each endpoint once, apart from an attempt whose answer was lost.
 */
export class DeliveryWorker {
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pumping = false;
  private again = false;

  constructor(
    private readonly deps: {
      clock: Clock;
      logs: LogService;
      logger: Logger;
      /** Told after this worker disabled an endpoint. */
      onEndpointsChanged?: () => void;
    },
    private readonly options: DeliveryWorkerOptions,
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.timeoutMs + 5_000;
  }

  start(): void {
    this.running = true;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.kick();
  }

  /** Stops claiming and waits for the attempts in flight. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  /** Looks for due deliveries now (new ones were just enqueued). */
  kick(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch((error: unknown) => this.deps.logger.error({ err: error }, "webhooks: could not claim deliveries"))
      .finally(() => {
        this.pumping = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async pump(): Promise<void> {
    while (this.running && this.inFlight.size < this.concurrency) {
      const delivery = await this.claim();
      if (delivery === null) return;
      const attempt = this.attempt(delivery)
        .catch((error: unknown) => this.deps.logger.error({ err: error }, "webhooks: an attempt failed to record"))
        .finally(() => {
          this.inFlight.delete(attempt);
          this.kick();
        });
      this.inFlight.add(attempt);
    }
  }

  private async claim(): Promise<(WebhookDeliveryDocument & { claimId: string }) | null> {
    const now = this.deps.clock.now();
    const claimId = randomUUID();
    const doc = await WebhookDeliveryModel.findOneAndUpdate(
      { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: { $lte: now } },
      { $set: { nextAttemptAt: new Date(now.getTime() + this.leaseMs), claimId } },
      { sort: { nextAttemptAt: 1 }, returnDocument: "after" },
    ).exec();
    return doc as (WebhookDeliveryDocument & { claimId: string }) | null;
  }

  private async attempt(delivery: WebhookDeliveryDocument & { claimId: string }): Promise<void> {
    const endpoint = await WebhookEndpointModel.findById(delivery.endpointId).exec();
    const at = this.deps.clock.now();
    if (endpoint === null || !endpoint.enabled) {
      const error = endpoint === null ? "the endpoint was deleted" : "the endpoint is disabled";
      await this.record(delivery, WebhookDeliveryStatus.FAILED, null, {
        at,
        responseStatus: null,
        durationMs: 0,
        error,
      });
      return;
    }
    const outcome = await sendWebhook(
      { url: endpoint.url, id: delivery.eventId, body: delivery.payload, secret: endpoint.secret, at },
      { timeoutMs: this.options.timeoutMs, allowPrivate: this.options.allowPrivate },
    );
    const attempt = toAttempt(at, outcome);
    if (outcome.ok) {
      if (await this.record(delivery, WebhookDeliveryStatus.SUCCEEDED, null, attempt, 1)) {
        await WebhookEndpointModel.updateOne(
          { _id: endpoint._id, failedInRow: { $ne: 0 } },
          { $set: { failedInRow: 0 } },
        );
      }
      return;
    }
    const attempts = delivery.attempts + 1;
    const delay = retryDelayMs(this.options.retry, attempts, (this.options.random ?? Math.random)());
    if (delay !== null) {
      await this.record(
        delivery,
        WebhookDeliveryStatus.PENDING,
        new Date(this.deps.clock.now().getTime() + delay),
        attempt,
        1,
      );
      return;
    }
    if (await this.record(delivery, WebhookDeliveryStatus.FAILED, null, attempt, 1))
      await this.failedDelivery(endpoint._id);
  }

  /** Records an attempt's outcome under the claim; false when the claim was lost meanwhile. */
  private async record(
    delivery: WebhookDeliveryDocument & { claimId: string },
    status: WebhookDeliveryStatus,
    nextAttemptAt: Date | null,
    attempt: DeliveryAttempt,
    counted = 0,
  ): Promise<boolean> {
    const result = await WebhookDeliveryModel.updateOne(
      { _id: delivery._id, claimId: delivery.claimId },
      {
        $set: { status, claimId: null, ...(nextAttemptAt === null ? {} : { nextAttemptAt }) },
        $inc: { attempts: counted },
        $push: { history: attempt },
      },
    ).exec();
    return result.matchedCount === 1;
  }

  /** One more delivery failed for good; the endpoint is disabled (once, logged) past the limit. */
  private async failedDelivery(endpointId: WebhookDeliveryDocument["endpointId"]): Promise<void> {
    const limit = this.options.disableAfter ?? 5;
    const endpoint = await WebhookEndpointModel.findOneAndUpdate(
      { _id: endpointId },
      { $inc: { failedInRow: 1 } },
      { returnDocument: "after" },
    ).exec();
    if (endpoint === null || endpoint.failedInRow < limit) return;
    const reason = `Disabled after ${endpoint.failedInRow} deliveries in a row failed every attempt`;
    const disabled = await WebhookEndpointModel.updateOne(
      { _id: endpointId, enabled: true },
      { $set: { enabled: false, disabledReason: reason } },
    ).exec();
    if (disabled.modifiedCount === 1) {
      this.deps.onEndpointsChanged?.();
      await this.deps.logs.record({
        type: LogType.SYSTEM,
        level: LogLevel.WARN,
        message: `Webhook ${endpoint.url} disabled: ${endpoint.failedInRow} deliveries in a row failed`,
        data: { webhookId: endpointId.toHexString(), url: endpoint.url, failedInRow: endpoint.failedInRow },
      });
    }
  }
}

function toAttempt(at: Date, outcome: SendOutcome): DeliveryAttempt {
  return { at, responseStatus: outcome.status, durationMs: outcome.durationMs, error: outcome.error };
}
