import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import { useDraftForm } from "../../hooks/use-draft-form";
import { readWebhookDraft, type WebhookDraft } from "../../lib/webhook-draft";
import { FormOutcome } from "../common/form-outcome";
import { WebhookFields } from "./webhook-fields";

const EditWebhookMutation = graphql(`
  mutation EditWebhook($id: ID!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      ...WebhookCard_Webhook
    }
  }
`);

interface EditWebhookFormProps {
  readonly id: string;
  /** The endpoint as it is: the form starts from it. */
  readonly current: WebhookDraft;
  readonly onSaved: () => void;
}

/** Changes a webhook's URL, events or description (its secret stays). */
export function EditWebhookForm({ id, current, onSaved }: EditWebhookFormProps) {
  const [editWebhook, { loading }] = useMutation(EditWebhookMutation);
  const form = useDraftForm({
    empty: current,
    read: readWebhookDraft,
    apiFields: ["url", "events", "description"],
    save: async (input) => {
      await editWebhook({ variables: { id, input } });
      onSaved();
      return "Saved the changes.";
    },
  });

  return (
    <form
      className="row g-2 mt-2 border-top pt-2"
      onSubmit={(event) => void form.submit(event)}
      noValidate
      aria-label={`Edit the webhook ${current.url}`}
    >
      <WebhookFields
        idPrefix={`webhook-${id}`}
        draft={form.draft}
        errors={form.errors}
        edit={form.edit}
        setEvents={(events) => form.set("events", events)}
      />
      <FormOutcome message={form.message} created={null} busy={loading} label="Save changes" busyLabel="Saving…" />
    </form>
  );
}
