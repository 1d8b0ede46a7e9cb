import { randomBytes } from "node:crypto";
import type { Types } from "mongoose";
import type { Clock } from "../../clock";
import { parseObjectId } from "../../db/object-id";
import { type Connection, paginate, type PageArgs } from "../../graphql/connection";
import { BadUserInputError, ConflictError, NotFoundError } from "../../graphql/errors";
import type { Viewer } from "../../graphql/viewer";
import { LogType, type LogService } from "../logs";
import { checkWebhookUrl, WebhookAddressError } from "./address-policy";
import { WebhookDeliveryStatus, WebhookEventType } from "./webhook-event-type";
import {
  WebhookDeliveryModel,
  WebhookEndpointModel,
  type WebhookDeliveryDocument,
  type WebhookDeliveryEntity,
  type WebhookEndpointDocument,
} from "./webhook.model";

export interface NewWebhook {
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly description?: string | null;
}

export interface WebhookChanges {
  readonly url?: string | null;
  readonly events?: readonly WebhookEventType[] | null;
  readonly description?: string | null;
  readonly enabled?: boolean | null;
}

/** Endpoints allowed at most (each event costs one delivery per endpoint). */
export const MAX_WEBHOOKS = 50;

/**
 * Webhook endpoints and their deliveries, for admins: registration (the URL checked against the
 * address policy, a fresh signing secret shown once), changes, deletion, the deliveries of an
 * endpoint and redelivery.
 */
export class WebhookService {
  constructor(
    private readonly logs: LogService,
    private readonly clock: Clock,
    private readonly options: {
      /** Allow private and loopback URLs (WEBHOOK_ALLOW_PRIVATE). */
      readonly allowPrivate: boolean;
      /** Wakes this instance's delivery worker after a redelivery. */
      readonly onRedeliver?: () => void;
      /** Told after an endpoint was registered, changed or deleted (to announce it to every instance). */
      readonly onEndpointsChanged?: () => void;
    },
  ) {}

  /**
   * Registers an endpoint. @returns it and its signing secret (`whsec_…`), which is never shown again.
   * @throws BadUserInputError for a refused URL, no events, or a long description
   */
  async create(actor: Viewer, input: NewWebhook): Promise<{ webhook: WebhookEndpointDocument; secret: string }> {
    const url = await this.checkUrl(input.url);
    const events = checkEvents(input.events);
    const description = checkDescription(input.description ?? "");
    if ((await WebhookEndpointModel.countDocuments().exec()) >= MAX_WEBHOOKS)
      throw new ConflictError(`At most ${MAX_WEBHOOKS} webhooks can be registered.`);
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const webhook = await WebhookEndpointModel.create({ url, events, description, secret });
    this.options.onEndpointsChanged?.();
    await this.logs.record({
      type: LogType.SYSTEM,
      message: `Webhook ${url} registered for ${events.join(", ")}`,
      actorId: actor.id,
      data: { webhookId: webhook._id.toHexString(), url, events },
    });
    return { webhook, secret };
  }

  /** Every endpoint, newest first. */
  async list(): Promise<WebhookEndpointDocument[]> {
    return WebhookEndpointModel.find().sort({ createdAt: -1, _id: -1 }).exec();
  }

  /** Changes an endpoint; enabling it again also forgets its failures. */
  async update(actor: Viewer, id: string, changes: WebhookChanges): Promise<WebhookEndpointDocument> {
    const set: Record<string, unknown> = {};
    if (changes.url !== undefined && changes.url !== null) set["url"] = await this.checkUrl(changes.url);
    if (changes.events !== undefined && changes.events !== null) set["events"] = checkEvents(changes.events);
    if (changes.description !== undefined && changes.description !== null)
      set["description"] = checkDescription(changes.description);
    if (changes.enabled === true) Object.assign(set, { enabled: true, failedInRow: 0, disabledReason: null });
    if (changes.enabled === false) Object.assign(set, { enabled: false, disabledReason: "Disabled by an admin" });
    const webhook = await WebhookEndpointModel.findOneAndUpdate(
      { _id: this.requireId(id, "Webhook") },
      { $set: set },
      { returnDocument: "after" },
    ).exec();
    if (webhook === null) throw new NotFoundError("Webhook", id);
    this.options.onEndpointsChanged?.();
    await this.logs.record({
      type: LogType.SYSTEM,
      message: `Webhook ${webhook.url} updated`,
      actorId: actor.id,
      data: { webhookId: id, changes: Object.keys(set) },
    });
    return webhook;
  }

  /** Deletes an endpoint and its deliveries (those in flight end FAILED). */
  async delete(actor: Viewer, id: string): Promise<boolean> {
    const webhook = await WebhookEndpointModel.findOneAndDelete({ _id: this.requireId(id, "Webhook") }).exec();
    if (webhook === null) throw new NotFoundError("Webhook", id);
    this.options.onEndpointsChanged?.();
    await WebhookDeliveryModel.deleteMany({ endpointId: webhook._id }).exec();
    await this.logs.record({
      type: LogType.SYSTEM,
      message: `Webhook ${webhook.url} deleted`,
      actorId: actor.id,
      data: { webhookId: id },
    });
    return true;
  }

  /** An endpoint's deliveries, newest first. @throws NotFoundError for an unknown endpoint */
  async deliveries(webhookId: string, page: PageArgs): Promise<Connection<WebhookDeliveryDocument>> {
    const endpointId = this.requireId(webhookId, "Webhook");
    if ((await WebhookEndpointModel.exists({ _id: endpointId }).exec()) === null)
      throw new NotFoundError("Webhook", webhookId);
    const result = await paginate<WebhookDeliveryEntity & { _id: Types.ObjectId }>(
      WebhookDeliveryModel,
      { endpointId },
      page,
      { defaultSize: 20, timeField: "createdAt" },
    );
    return { ...result, nodes: result.nodes as WebhookDeliveryDocument[] };
  }

  /**
   * Sends a delivery again now, with the same `webhook-id` and body and a full retry schedule.
   * @throws ConflictError while an attempt is in flight or when its endpoint is disabled
   */
  async redeliver(actor: Viewer, deliveryId: string): Promise<WebhookDeliveryDocument> {
    const _id = this.requireId(deliveryId, "WebhookDelivery");
    const current = await WebhookDeliveryModel.findById(_id).exec();
    if (current === null) throw new NotFoundError("WebhookDelivery", deliveryId);
    const endpoint = await WebhookEndpointModel.findById(current.endpointId).exec();
    if (endpoint?.enabled !== true) throw new ConflictError("The webhook is disabled; enable it first.");
    const delivery = await WebhookDeliveryModel.findOneAndUpdate(
      { _id, claimId: null },
      { $set: { status: WebhookDeliveryStatus.PENDING, attempts: 0, nextAttemptAt: this.clock.now() } },
      { returnDocument: "after" },
    ).exec();
    if (delivery === null) throw new ConflictError("The delivery is being attempted right now; try again in a moment.");
    await this.logs.record({
      type: LogType.SYSTEM,
      message: `Webhook delivery ${current.eventId} to ${endpoint.url} redelivered`,
      actorId: actor.id,
      data: { webhookId: endpoint._id.toHexString(), deliveryId },
    });
    this.options.onRedeliver?.();
    return delivery;
  }

  private async checkUrl(url: string): Promise<string> {
    if (url.length > 2000) throw new BadUserInputError("The URL must be at most 2000 characters.", "url");
    try {
      return (await checkWebhookUrl(url.trim(), this.options.allowPrivate)).toString();
    } catch (error) {
      if (error instanceof WebhookAddressError) throw new BadUserInputError(error.message, "url");
      throw error;
    }
  }

  private requireId(id: string, entity: string): Types.ObjectId {
    const _id = parseObjectId(id);
    if (_id === null) throw new NotFoundError(entity, id);
    return _id;
  }
}

function checkEvents(events: readonly WebhookEventType[]): WebhookEventType[] {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw new BadUserInputError("Choose at least one event.", "events");
  const known = new Set<string>(Object.values(WebhookEventType));
  if (!unique.every((e) => known.has(e))) throw new BadUserInputError("Unknown event type.", "events");
  return unique;
}

function checkDescription(description: string): string {
  if (description.length > 500)
    throw new BadUserInputError("The description must be at most 500 characters.", "description");
  return description.trim();
}
