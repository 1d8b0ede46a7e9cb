import { useId, useState } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import type { WebhookCard_WebhookFragment } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../common/alert";
import { EditWebhookForm } from "./edit-webhook-form";
import { WebhookActions } from "./webhook-actions";
import { WebhookDeliveries } from "./webhook-deliveries";
import { WEBHOOK_EVENTS } from "./webhook-events";

export const WebhookCardFragment = graphql(`
  fragment WebhookCard_Webhook on Webhook {
    id
    url
    events
    description
    enabled
    failedDeliveriesInRow
    disabledReason
    createdAt
    updatedAt
  }
`);

/** What an endpoint receives, why it is disabled, how its deliveries go, and since when it exists. */
function WebhookFacts({ webhook }: { readonly webhook: WebhookCard_WebhookFragment }) {
  return (
    <dl className="row small mb-2">
      <dt className="col-sm-4 col-lg-3">Events</dt>
      <dd className="col-sm-8 col-lg-9">
        {webhook.events.map((type) => (
          <code key={type} className="me-2">
            {WEBHOOK_EVENTS[type]}
          </code>
        ))}
      </dd>
      {!webhook.enabled && (
        <>
          <dt className="col-sm-4 col-lg-3">Disabled</dt>
          <dd className="col-sm-8 col-lg-9" data-testid="webhook-disabled-reason">
            {webhook.disabledReason ?? "No reason given."} (last changed {formatDateTime(webhook.updatedAt)})
          </dd>
        </>
      )}
      <dt className="col-sm-4 col-lg-3">Failed deliveries in a row</dt>
      <dd className="col-sm-8 col-lg-9">{webhook.failedDeliveriesInRow}</dd>
      <dt className="col-sm-4 col-lg-3">Added</dt>
      <dd className="col-sm-8 col-lg-9">{formatDateTime(webhook.createdAt)}</dd>
    </dl>
  );
}

/** One webhook endpoint: what it receives and its state, its actions, its edit form and its deliveries. */
export function WebhookCard(props: { readonly webhook: FragmentType<typeof WebhookCardFragment> }) {
  const webhook = useFragment(WebhookCardFragment, props.webhook);
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [notice, setNotice] = useState<{ kind: "success" | "danger"; text: string } | null>(null);

  return (
    <article className="card mb-3" aria-labelledby={headingId} data-testid="webhook" data-webhook-id={webhook.id}>
      <div className="card-body">
        <div className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-2">
          <h3 className="h6 mb-0 text-break font-monospace" id={headingId}>
            {webhook.url}
          </h3>
          <span
            className={`badge ${webhook.enabled ? "text-bg-success" : "text-bg-secondary"}`}
            data-testid="webhook-state"
          >
            {webhook.enabled ? "Enabled" : "Disabled"}
          </span>
        </div>
        {webhook.description && <p className="mb-2">{webhook.description}</p>}
        <WebhookFacts webhook={webhook} />
        <WebhookActions
          id={webhook.id}
          url={webhook.url}
          enabled={webhook.enabled}
          editing={editing}
          onEdit={() => {
            setNotice(null);
            setEditing((open) => !open);
          }}
          showDeliveries={showDeliveries}
          onToggleDeliveries={() => setShowDeliveries((open) => !open)}
          onOutcome={setNotice}
        />
        {notice && (
          <Alert kind={notice.kind} className="mt-2 mb-0">
            {notice.text}
          </Alert>
        )}
        {editing && (
          <EditWebhookForm
            id={webhook.id}
            current={{ url: webhook.url, description: webhook.description, events: webhook.events }}
            onSaved={() => {
              setEditing(false);
              setNotice({ kind: "success", text: "Saved the changes." });
            }}
          />
        )}
        {showDeliveries && <WebhookDeliveries webhookId={webhook.id} url={webhook.url} />}
      </div>
    </article>
  );
}
