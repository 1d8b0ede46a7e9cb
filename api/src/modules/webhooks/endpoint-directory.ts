import type { Types } from "mongoose";
import type { WebhookEventType } from "./webhook-event-type";
import { WebhookEndpointModel } from "./webhook.model";

/** An enabled endpoint, as enqueueing needs it. */
export interface EnabledEndpoint {
  readonly _id: Types.ObjectId;
  readonly events: readonly WebhookEventType[];
}

/**
 * The enabled endpoints, read once and kept until a change is announced, so that enqueueing an
 * event costs no read. Every change of an endpoint (here, on another instance through pub/sub, or
 * the delivery worker disabling one) calls `changed`; the time limit bounds the effect of an
 * announcement lost on its way (Redis down). An event enqueued while a change is on its way is
 * treated as one that happened just before the change: a new endpoint misses it, and a disabled
 * one's delivery is refused by the worker, which checks the endpoint before every attempt.
 */
export class EndpointDirectory {
  private current: Promise<EnabledEndpoint[]> | undefined;
  private until = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 30_000,
  ) {}

  /** The enabled endpoints (one read shared by the callers that meet it). */
  enabled(): Promise<EnabledEndpoint[]> {
    if (this.current !== undefined && this.until > this.now()) return this.current;
    const read = WebhookEndpointModel.find({ enabled: true }, { _id: 1, events: 1 }).lean<EnabledEndpoint[]>().exec();
    this.current = read;
    this.until = this.now() + this.ttlMs;
    read.catch(() => {
      if (this.current === read) this.current = undefined;
    });
    return read;
  }

  /** An endpoint changed: the next enqueue reads them again. */
  changed(): void {
    this.current = undefined;
  }
}
