import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../common/alert";
import { ConfirmDialog } from "../common/confirm-dialog";

export const ApiTokenRowFragment = graphql(`
  fragment ApiTokenRow_ApiToken on ApiToken {
    id
    name
    scopes
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

/** One API token: its scopes and times, and its revocation behind a confirmation. */
export function ApiTokenRow(props: { readonly token: FragmentType<typeof ApiTokenRowFragment> }) {
  const token = useFragment(ApiTokenRowFragment, props.token);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [revoke, { loading }] = useMutation(RevokeApiTokenMutation);
  // When the list was shown: an expiry passing while it is open shows on the next visit.
  const [shownAt] = useState(() => Date.now());
  const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= shownAt;

  const onConfirm = async () => {
    setMessage(null);
    try {
      await revoke({ variables: { id: token.id } });
    } catch (error) {
      setMessage(errorMessage(error));
    }
    setConfirming(false);
  };

  return (
    <tr data-testid="api-token-row" data-token-id={token.id}>
      <td data-label="Name" className="fw-semibold">
        {token.name}
      </td>
      <td data-label="Scopes">
        {token.scopes.map((scope) => (
          <span key={scope} className="badge text-bg-secondary me-1">
            {scope}
          </span>
        ))}
      </td>
      <td data-label="Created">{formatDateTime(token.createdAt)}</td>
      <td data-label="Expires">{token.expiresAt ? formatDateTime(token.expiresAt) : "Never"}</td>
      <td data-label="Last used">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</td>
      <td data-label="Status">
        {token.revokedAt ? (
          <span className="badge text-bg-danger">Revoked {formatDateTime(token.revokedAt)}</span>
        ) : expired ? (
          <span className="badge text-bg-warning">Expired</span>
        ) : (
          <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => setConfirming(true)}>
            Revoke<span className="visually-hidden"> {token.name}</span>
          </button>
        )}
        {message && (
          <Alert kind="danger" className="mt-2 mb-0">
            {message}
          </Alert>
        )}
        {confirming && (
          <ConfirmDialog
            title={`Revoke “${token.name}”?`}
            confirmLabel="Revoke token"
            busy={loading}
            onConfirm={() => void onConfirm()}
            onCancel={() => setConfirming(false)}
          >
            Every request with this token is refused from now on, and its open connections close. This cannot be undone.
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
