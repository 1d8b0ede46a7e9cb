import { createHash } from "node:crypto";
import { Types } from "mongoose";
import type { Clock } from "../../clock";
import { isDuplicateKeyError } from "../../db/duplicate-key";
import { WriteBatcher } from "../../lib/write-batcher";
import { EndpointDirectory } from "./endpoint-directory";
import { WebhookDeliveryStatus, type WebhookEventType } from "./webhook-event-type";
import { WebhookDeliveryModel } from "./webhook.model";

/** An event as webhooks carry it. */
export interface WebhookEvent {
  /** The `webhook-id`: the same whoever enqueues the event, and however often. */
  readonly id: string;
  readonly type: WebhookEventType;
  readonly data: Record<string, unknown>;
}

/** The delivery of event `eventId` to `endpointId`: the same id whoever computes it. */
export function deliveryId(eventId: string, endpointId: Types.ObjectId): Types.ObjectId {
  const hash = createHash("sha256").update(`webhook-delivery:${eventId}:${endpointId.toHexString()}`).digest();
  return new Types.ObjectId(hash.subarray(0, 12));
}

/** True when every write error of a bulk insert is a duplicate key (already enqueued). */
function onlyDuplicates(error: unknown): boolean {
  if (isDuplicateKeyError(error)) return true;
  const writeErrors = (error as { writeErrors?: unknown[] } | null)?.writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every(isDuplicateKeyError);
}

/**
 * The durable queue of deliveries: one document per event and matching enabled endpoint, with an
 * id derived from both, so enqueueing is idempotent (a duplicate key means already enqueued). An
 * event's source owes it until `enqueue` returned, so no crash loses one.
 */
export class WebhookOutbox {
  /** Events enqueued together: one insert for all their deliveries. */
  private readonly batcher = new WriteBatcher((events: readonly WebhookEvent[]) => this.enqueueMany(events));

  constructor(
    private readonly clock: Clock,
    /** Told after new deliveries were written (wakes this instance's worker). */
    private readonly onEnqueued: () => void = () => undefined,
    /** Where the enabled endpoints come from (a fresh read per group of events by default). */
    private readonly endpoints = new EndpointDirectory(() => clock.now().getTime(), 0),
  ) {}

  /**
   * Writes the event's delivery to every enabled endpoint subscribed to its type, together with
   * the other events enqueued at the same moment.
   * @returns how many endpoints it is owed to
   */
  enqueue(event: WebhookEvent): Promise<number> {
    return this.batcher.add(event);
  }

  /**
   * Writes each event's delivery to every enabled endpoint subscribed to its type: the endpoints
   * from the directory, one insert for all the deliveries (none when no endpoint wants any).
   * @returns per event, how many endpoints it is owed to
   */
  async enqueueMany(events: readonly WebhookEvent[]): Promise<number[]> {
    const endpoints = await this.endpoints.enabled();
    const wanted = events.map((event) => endpoints.filter((endpoint) => endpoint.events.includes(event.type)));
    const now = this.clock.now();
    const docs = events.flatMap((event, i) => {
      const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
      return wanted[i].map((endpoint) => ({
        _id: deliveryId(event.id, endpoint._id),
        endpointId: endpoint._id,
        eventId: event.id,
        eventType: event.type,
        payload,
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        nextAttemptAt: now,
        claimId: null,
        history: [],
      }));
    });
    if (docs.length === 0) return wanted.map(() => 0);
    try {
      await WebhookDeliveryModel.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
    this.onEnqueued();
    return wanted.map((list) => list.length);
  }
}
