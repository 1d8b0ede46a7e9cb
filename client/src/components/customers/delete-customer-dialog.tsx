import { useMutation } from "@apollo/client/react";
import { evictEntity } from "../../apollo/cache";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { ConfirmDialog } from "../common/confirm-dialog";

const DeleteCustomerMutation = graphql(`
  mutation DeleteCustomer($id: ID!) {
    deleteCustomer(id: $id)
  }
`);

interface DeleteCustomerDialogProps {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly onCancel: () => void;
  readonly onError: (message: string) => void;
}

/** Asks before deleting a customer; once deleted their row leaves the cache (and so the dialog goes). */
export function DeleteCustomerDialog({ userId, name, email, onCancel, onError }: DeleteCustomerDialogProps) {
  const [deleteCustomer, { loading }] = useMutation(DeleteCustomerMutation);
  const remove = async () => {
    try {
      await deleteCustomer({ variables: { id: userId }, update: (cache) => evictEntity(cache, "User", userId) });
    } catch (error) {
      onError(errorMessage(error));
    }
  };
  return (
    <ConfirmDialog
      title="Delete customer"
      confirmLabel="Delete customer"
      busy={loading}
      onCancel={onCancel}
      onConfirm={() => void remove()}
    >
      Delete <strong>{name}</strong> ({email})? Their pending orders are cancelled.
    </ConfirmDialog>
  );
}
