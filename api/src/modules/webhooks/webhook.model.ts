import { getModelForClass, index, modelOptions, prop, type DocumentType } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { WebhookDeliveryStatus, WebhookEventType } from "./webhook-event-type";

/** An endpoint events are POSTed to, signed with its secret. */
@modelOptions({
  schemaOptions: { collection: "webhook_endpoints", timestamps: true },
  options: { customName: "WebhookEndpoint" },
})
// The outbox finds the enabled endpoints of an event type with every order event.
@index({ enabled: 1, events: 1 })
export class WebhookEndpointEntity {
  _id!: Types.ObjectId;

  @prop({ required: true })
  url!: string;

  @prop({ type: () => [String], enum: WebhookEventType, required: true })
  events!: WebhookEventType[];

  @prop({ type: String, default: "" })
  description!: string;

  /** `whsec_` + base64 of 32 random bytes (Standard Webhooks); never returned after creation. */
  @prop({ required: true })
  secret!: string;

  @prop({ type: Boolean, default: true })
  enabled!: boolean;

  /** Deliveries in a row whose every attempt failed (0 after any success). */
  @prop({ type: Number, default: 0 })
  failedInRow!: number;

  /** Why it was disabled (by an admin, or after repeated failures). */
  @prop({ type: String, default: null })
  disabledReason!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}

/** One attempt of a delivery. */
@modelOptions({ schemaOptions: { _id: false } })
export class DeliveryAttempt {
  @prop({ required: true })
  at!: Date;

  /** The HTTP status, or null when no answer came (timeout, refused address, connection error). */
  @prop({ type: Number, default: null })
  responseStatus!: number | null;

  @prop({ required: true })
  durationMs!: number;

  @prop({ type: String, default: null })
  error!: string | null;
}

/**
 * One event owed to one endpoint: the durable outbox. Its `_id` is derived from the event and the
 * endpoint, so enqueueing the same event twice (recovery re-applying it) creates nothing new.
 */
@modelOptions({
  schemaOptions: { collection: "webhook_deliveries", timestamps: true },
  options: { customName: "WebhookDelivery" },
})
// The workers claim due deliveries through this index.
@index({ status: 1, nextAttemptAt: 1 })
// An endpoint's deliveries, newest first.
@index({ endpointId: 1, createdAt: -1, _id: -1 })
export class WebhookDeliveryEntity {
  _id!: Types.ObjectId;

  @prop({ required: true })
  endpointId!: Types.ObjectId;

  /** The `webhook-id` header: the same on every attempt and for every endpoint of the event. */
  @prop({ required: true })
  eventId!: string;

  @prop({ required: true, enum: WebhookEventType, type: String })
  eventType!: WebhookEventType;

  /** The JSON body, fixed at enqueue time so every attempt sends the same bytes. */
  @prop({ required: true })
  payload!: string;

  @prop({ required: true, enum: WebhookDeliveryStatus, type: String, default: WebhookDeliveryStatus.PENDING })
  status!: WebhookDeliveryStatus;

  /** Attempts since it was enqueued or last redelivered (the retry schedule counts these). */
  @prop({ type: Number, default: 0 })
  attempts!: number;

  /** Due time of the next attempt; while an attempt is in flight, the end of its lease. */
  @prop({ type: Date, required: true })
  nextAttemptAt!: Date;

  /** The claim of the attempt in flight: only its worker may record the outcome. */
  @prop({ type: String, default: null })
  claimId!: string | null;

  @prop({ type: () => [DeliveryAttempt], default: [] })
  history!: DeliveryAttempt[];

  createdAt!: Date;
  updatedAt!: Date;
}

export type WebhookEndpointDocument = DocumentType<WebhookEndpointEntity>;
export type WebhookDeliveryDocument = DocumentType<WebhookDeliveryEntity>;
export const WebhookEndpointModel = getModelForClass(WebhookEndpointEntity);
export const WebhookDeliveryModel = getModelForClass(WebhookDeliveryEntity);
