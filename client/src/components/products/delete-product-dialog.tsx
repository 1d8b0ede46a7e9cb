import { useMutation } from "@apollo/client/react";
import { evictEntity } from "../../apollo/cache";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { ConfirmDialog } from "../common/confirm-dialog";

const DeleteProductMutation = graphql(`
  mutation DeleteProduct($id: ID!) {
    deleteProduct(id: $id)
  }
`);

interface DeleteProductDialogProps {
  readonly productId: string;
  readonly name: string;
  readonly onCancel: () => void;
  readonly onDeleted: () => void;
  readonly onError: (message: string) => void;
}

/** Asks before deleting a product; once deleted it leaves every list in the cache. */
export function DeleteProductDialog({ productId, name, onCancel, onDeleted, onError }: DeleteProductDialogProps) {
  const [deleteProduct, { loading }] = useMutation(DeleteProductMutation);
  const confirm = async () => {
    try {
      await deleteProduct({
        variables: { id: productId },
        update: (cache) => evictEntity(cache, "Product", productId),
      });
      onDeleted();
    } catch (error) {
      onError(errorMessage(error));
    }
  };
  return (
    <ConfirmDialog
      title="Delete product"
      confirmLabel="Delete product"
      busy={loading}
      onCancel={onCancel}
      onConfirm={() => void confirm()}
    >
      Delete <strong>{name}</strong>? Customers can no longer order it.
    </ConfirmDialog>
  );
}
