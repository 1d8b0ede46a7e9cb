import { Field, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection";
import { WebhookDeliveryStatus, WebhookEventType } from "./webhook-event-type";
import type { WebhookDeliveryDocument, WebhookEndpointDocument } from "./webhook.model";

@ObjectType({ description: "An endpoint that receives signed events (Standard Webhooks). ADMIN." })
export class Webhook {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [WebhookEventType])
  events: WebhookEventType[];

  @Field()
  description: string;

  @Field({ description: "False once disabled by an admin or after repeated failed deliveries." })
  enabled: boolean;

  @Field(() => Int, { description: "Deliveries in a row whose every attempt failed (0 after a success)." })
  failedDeliveriesInRow: number;

  @Field(() => String, { nullable: true })
  disabledReason: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: "A new endpoint and its signing secret, shown only this once." })
export class CreateWebhookPayload {
  @Field(() => Webhook)
  webhook: Webhook;

  @Field({ description: "`whsec_…`: verify each delivery's `webhook-signature` with it." })
  secret: string;
}

@ObjectType({ description: "One attempt to deliver an event." })
export class WebhookAttempt {
  @Field()
  at: Date;

  @Field(() => Int, { nullable: true, description: "The HTTP status; null without an answer." })
  responseStatus: number | null;

  @Field(() => Int)
  durationMs: number;

  @Field(() => String, { nullable: true })
  error: string | null;
}

@ObjectType({ description: "One event owed to one endpoint, with its attempts." })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  webhookId: string;

  @Field({ description: "The `webhook-id` header: the same on every attempt." })
  eventId: string;

  @Field(() => WebhookEventType)
  eventType: WebhookEventType;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Attempts since it was enqueued or last redelivered." })
  attempts: number;

  @Field(() => Int, { nullable: true, description: "The last attempt's HTTP status." })
  responseStatus: number | null;

  @Field(() => Int, { nullable: true, description: "The last attempt's duration." })
  durationMs: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When a PENDING delivery is tried next." })
  nextAttemptAt: Date | null;

  @Field(() => [WebhookAttempt], { description: "Every attempt, oldest first." })
  history: WebhookAttempt[];

  @Field({ description: "The JSON body sent." })
  payload: string;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery) {}

export function toWebhook(doc: WebhookEndpointDocument): Webhook {
  return {
    id: doc._id.toHexString(),
    url: doc.url,
    events: [...doc.events],
    description: doc.description,
    enabled: doc.enabled,
    failedDeliveriesInRow: doc.failedInRow,
    disabledReason: doc.disabledReason,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function toWebhookDelivery(doc: WebhookDeliveryDocument): WebhookDelivery {
  const last = doc.history.at(-1);
  const history = doc.history.map((a) => ({
    at: a.at,
    responseStatus: a.responseStatus,
    durationMs: a.durationMs,
    error: a.error,
  }));
  return {
    id: doc._id.toHexString(),
    webhookId: doc.endpointId.toHexString(),
    eventId: doc.eventId,
    eventType: doc.eventType,
    status: doc.status,
    attempts: doc.attempts,
    responseStatus: last?.responseStatus ?? null,
    durationMs: last?.durationMs ?? null,
    lastError: last?.error ?? null,
    lastAttemptAt: last?.at ?? null,
    nextAttemptAt: doc.status === WebhookDeliveryStatus.PENDING ? doc.nextAttemptAt : null,
    history,
    payload: doc.payload,
    createdAt: doc.createdAt,
  };
}
