import { useQuery } from "@apollo/client/react";
import { QueryState } from "../../components/common/query-state";
import { CreateWebhookForm } from "../../components/webhooks/create-webhook-form";
import { WebhookCard } from "../../components/webhooks/webhook-card";
import { graphql } from "../../gql";

const WebhooksSectionQuery = graphql(`
  query WebhooksSection {
    webhooks {
      id
      ...WebhookCard_Webhook
    }
  }
`);

/** The admin's webhook endpoints: a form for a new one, then each with its state, actions and deliveries. */
export function WebhooksSection() {
  const { data, loading, error, refetch } = useQuery(WebhooksSectionQuery);
  const webhooks = data?.webhooks ?? [];

  return (
    <section className="mb-4" aria-labelledby="webhooks-heading">
      <h2 className="h4" id="webhooks-heading">
        Webhooks
      </h2>
      <p className="text-body-secondary">
        OrderFlow POSTs each subscribed event to the endpoint, signed as the{" "}
        <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> specification says, and retries failed
        deliveries for about a day. An endpoint whose deliveries keep failing is disabled.
      </p>
      <CreateWebhookForm onCreated={() => void refetch()} />
      <QueryState
        loading={loading && !data}
        error={error}
        empty={webhooks.length === 0}
        loadingText="Loading webhooks…"
        emptyText="No webhook yet."
      >
        {webhooks.map((webhook) => (
          <WebhookCard key={webhook.id} webhook={webhook} />
        ))}
      </QueryState>
    </section>
  );
}
