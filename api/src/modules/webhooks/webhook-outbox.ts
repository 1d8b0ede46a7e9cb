import { createHash } from "node:crypto";
import { Types } from "mongoose";
import type { Clock } from "../../clock";
import { isDuplicateKeyError } from "../../db/duplicate-key";
import { WebhookDeliveryStatus, type WebhookEventType } from "./webhook-event-type";
import { WebhookDeliveryModel, WebhookEndpointModel } from "./webhook.model";

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
  constructor(
    private readonly clock: Clock,
    /** Told after new deliveries were written (wakes this instance's worker). */
    private readonly onEnqueued: () => void = () => undefined,
  ) {}

  /**
   * Writes the event's delivery to every enabled endpoint subscribed to its type: one query for
   * the endpoints, one insert for all of them (none when no endpoint wants it).
   * @returns how many endpoints it is owed to
   */
  async enqueue(event: WebhookEvent): Promise<number> {
    const endpoints = await WebhookEndpointModel.find({ enabled: true, events: event.type }, { _id: 1 }).lean().exec();
    if (endpoints.length === 0) return 0;
    const now = this.clock.now();
    const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
    const docs = endpoints.map((endpoint) => ({
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
    try {
      await WebhookDeliveryModel.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
    this.onEnqueued();
    return endpoints.length;
  }
}
