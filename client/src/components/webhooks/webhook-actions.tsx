import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { evictEntity } from "../../apollo/cache";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { ConfirmDialog } from "../common/confirm-dialog";

const SetWebhookEnabledMutation = graphql(`
  mutation SetWebhookEnabled($id: ID!, $enabled: Boolean!) {
    updateWebhook(id: $id, input: { enabled: $enabled }) {
      ...WebhookCard_Webhook
    }
  }
`);

const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

interface WebhookActionsProps {
  readonly id: string;
  readonly url: string;
  readonly enabled: boolean;
  readonly editing: boolean;
  readonly onEdit: () => void;
  readonly showDeliveries: boolean;
  readonly onToggleDeliveries: () => void;
  /** What an action did, or why the API refused it. */
  readonly onOutcome: (outcome: { kind: "success" | "danger"; text: string }) => void;
}

/** A webhook's buttons: deliveries, edit, enable or disable, and delete behind a confirmation. */
export function WebhookActions(props: WebhookActionsProps) {
  const { id, url, enabled, onOutcome } = props;
  const [setEnabled, toggling] = useMutation(SetWebhookEnabledMutation);
  const [deleteWebhook, deleting] = useMutation(DeleteWebhookMutation);
  const [confirming, setConfirming] = useState(false);

  const toggle = async () => {
    try {
      await setEnabled({ variables: { id, enabled: !enabled } });
      onOutcome({
        kind: "success",
        text: enabled ? "Disabled: no events are sent to it." : "Enabled: its failure count starts again.",
      });
    } catch (error) {
      onOutcome({ kind: "danger", text: errorMessage(error) });
    }
  };

  // Once deleted, the card leaves the cache and with it these buttons.
  const remove = async () => {
    try {
      await deleteWebhook({ variables: { id }, update: (cache) => evictEntity(cache, "Webhook", id) });
    } catch (error) {
      setConfirming(false);
      onOutcome({ kind: "danger", text: errorMessage(error) });
    }
  };

  const hidden = <span className="visually-hidden"> {url}</span>;
  return (
    <div className="d-flex flex-wrap gap-2">
      <button
        type="button"
        className="btn btn-sm btn-outline-primary"
        aria-expanded={props.showDeliveries}
        onClick={props.onToggleDeliveries}
      >
        {props.showDeliveries ? "Hide deliveries" : "Deliveries"}
        {hidden}
      </button>
      <button
        type="button"
        className="btn btn-sm btn-outline-secondary"
        aria-expanded={props.editing}
        onClick={props.onEdit}
      >
        Edit{hidden}
      </button>
      <button
        type="button"
        className="btn btn-sm btn-outline-secondary"
        disabled={toggling.loading}
        onClick={() => void toggle()}
      >
        {enabled ? "Disable" : "Enable"}
        {hidden}
      </button>
      <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => setConfirming(true)}>
        Delete{hidden}
      </button>
      {confirming && (
        <ConfirmDialog
          title="Delete this webhook?"
          confirmLabel="Delete webhook"
          busy={deleting.loading}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <span className="text-break">{url}</span> receives no more events, and its delivery history is deleted with
          it. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
