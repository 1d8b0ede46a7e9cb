import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import type { WebhookDeliveryStatus } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { WEBHOOK_EVENTS } from "./webhook-events";

export const WebhookDeliveryRowFragment = graphql(`
  fragment WebhookDeliveryRow_WebhookDelivery on WebhookDelivery {
    id
    eventId
    eventType
    status
    attempts
    responseStatus
    durationMs
    lastError
    lastAttemptAt
    nextAttemptAt
    createdAt
  }
`);

const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      id
      status
      attempts
      ...WebhookDeliveryRow_WebhookDelivery
    }
  }
`);

type Delivery = {
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly responseStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
};

/** A delivery's status as a badge: a PENDING one that has failed an attempt is retrying. */
function statusBadge({ status, attempts }: Delivery): { label: string; className: string } {
  if (status === "SUCCEEDED") return { label: "Delivered", className: "text-bg-success" };
  if (status === "FAILED") return { label: "Failed", className: "text-bg-danger" };
  return attempts === 0
    ? { label: "Pending", className: "text-bg-warning" }
    : { label: "Retrying", className: "text-bg-warning" };
}

/** What came of a redelivery, once its attempt is recorded (the list polls until then). */
function redeliveryOutcome(delivery: Delivery): string {
  if (delivery.status === "PENDING" && delivery.attempts === 0) return "Redelivery queued…";
  const answer = delivery.responseStatus === null ? "no answer" : `HTTP ${delivery.responseStatus}`;
  if (delivery.status === "SUCCEEDED") return `Redelivered: the endpoint answered ${answer}.`;
  const next = delivery.nextAttemptAt ? ` Next attempt ${formatDateTime(delivery.nextAttemptAt)}.` : "";
  return `Redelivery failed (${delivery.lastError ?? answer}).${next}`;
}

/** One delivery of an event to an endpoint, with a button that sends it again. */
export function WebhookDeliveryRow(props: { readonly delivery: FragmentType<typeof WebhookDeliveryRowFragment> }) {
  const delivery = useFragment(WebhookDeliveryRowFragment, props.delivery);
  const [redeliver, { loading }] = useMutation(RedeliverWebhookMutation);
  const [redelivered, setRedelivered] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const badge = statusBadge(delivery);
  const dueNow = delivery.status === "PENDING" && delivery.attempts === 0;

  const onRedeliver = async () => {
    setRefusal(null);
    try {
      await redeliver({ variables: { deliveryId: delivery.id } });
      setRedelivered(true);
    } catch (error) {
      setRefusal(errorMessage(error));
    }
  };

  return (
    <tr data-testid="webhook-delivery" data-delivery-id={delivery.id}>
      <td data-label="Event">
        <code>{WEBHOOK_EVENTS[delivery.eventType]}</code>
        <div className="small text-body-secondary font-monospace text-break">{delivery.eventId}</div>
      </td>
      <td data-label="Status">
        <span className={`badge ${badge.className}`} data-testid="delivery-status">
          {badge.label}
        </span>
      </td>
      <td data-label="Response" data-testid="delivery-response">
        {delivery.responseStatus ?? "—"}
      </td>
      <td data-label="Duration">{delivery.durationMs === null ? "—" : `${delivery.durationMs} ms`}</td>
      <td data-label="Attempts">{delivery.attempts}</td>
      <td data-label="When" className="small">
        {delivery.lastAttemptAt
          ? `Last attempt ${formatDateTime(delivery.lastAttemptAt)}`
          : `Queued ${formatDateTime(delivery.createdAt)}`}
        {delivery.nextAttemptAt && !dueNow && <div>Next attempt {formatDateTime(delivery.nextAttemptAt)}</div>}
      </td>
      <td data-label="Last error" className="small text-break">
        {delivery.lastError ?? "—"}
      </td>
      <td data-label="Actions">
        <button
          type="button"
          className="btn btn-sm btn-outline-primary"
          disabled={loading || dueNow}
          onClick={() => void onRedeliver()}
        >
          Redeliver
          <span className="visually-hidden">
            {" "}
            {WEBHOOK_EVENTS[delivery.eventType]} {delivery.eventId}
          </span>
        </button>
        <div className="small mt-1" role="status" data-testid="redelivery-outcome">
          {redelivered ? redeliveryOutcome(delivery) : null}
        </div>
        {refusal && (
          <div className="small mt-1 text-danger-emphasis" role="alert">
            {refusal}
          </div>
        )}
      </td>
    </tr>
  );
}
