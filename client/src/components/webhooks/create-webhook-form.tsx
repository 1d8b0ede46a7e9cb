import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { graphql } from "../../gql";
import { useDraftForm } from "../../hooks/use-draft-form";
import { readWebhookDraft, type WebhookDraft } from "../../lib/webhook-draft";
import { FormOutcome } from "../common/form-outcome";
import { OneTimeSecret } from "../common/one-time-secret";
import { WebhookFields } from "./webhook-fields";

const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        url
      }
    }
  }
`);

const EMPTY: WebhookDraft = { url: "", description: "", events: [] };

/** A new webhook endpoint: its URL, events and description; its signing secret is shown once above. */
export function CreateWebhookForm({ onCreated }: { readonly onCreated: () => void }) {
  const [createWebhook, { loading }] = useMutation(CreateWebhookMutation);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const form = useDraftForm({
    empty: EMPTY,
    read: readWebhookDraft,
    apiFields: ["url", "events", "description"],
    save: async (input) => {
      setCreated(null);
      const { data } = await createWebhook({ variables: { input } });
      if (data) setCreated({ url: data.createWebhook.webhook.url, secret: data.createWebhook.secret });
      onCreated();
      return `Added the webhook for ${input.url}.`;
    },
  });

  return (
    <>
      {created && (
        <OneTimeSecret
          secret={created.secret}
          label="The new webhook's signing secret"
          noun="signing secret"
          testId="new-webhook-secret"
          onDone={() => setCreated(null)}
        >
          Copy the signing secret of {created.url} now: it is shown this once and cannot be seen again. Receivers verify
          each delivery&apos;s <code>webhook-signature</code> with it.
        </OneTimeSecret>
      )}
      <details className="card mb-3">
        <summary className="card-header">Add a webhook</summary>
        <form
          className="card-body row g-2"
          onSubmit={(event) => void form.submit(event)}
          noValidate
          aria-label="Add a webhook"
        >
          <WebhookFields
            idPrefix="new-webhook"
            draft={form.draft}
            errors={form.errors}
            edit={form.edit}
            setEvents={(events) => form.set("events", events)}
          />
          <FormOutcome message={form.message} created={form.created} busy={loading} label="Add webhook" />
        </form>
      </details>
    </>
  );
}
