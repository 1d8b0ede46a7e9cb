import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { graphql } from "../gql";
import { errorMessage } from "../lib/errors";

const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!, $reason: String) {
    cancelOrder(id: $id, reason: $reason) {
      ...OrderRow_Order
    }
  }
`);

const SetFulfilmentStatusMutation = graphql(`
  mutation SetFulfilmentStatus($id: ID!, $status: OrderStatus!) {
    setFulfilmentStatus(id: $id, status: $status) {
      ...OrderRow_Order
    }
  }
`);

/**
 * Cancel, ship and deliver for the orders list. The answers update the rows through the cache;
 * a failure goes to `setMessage`, and `busyId` is the order whose action is under way.
 */
export function useOrderActions(setMessage: (message: string | null) => void) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [cancelOrder] = useMutation(CancelOrderMutation);
  const [setFulfilmentStatus] = useMutation(SetFulfilmentStatusMutation);

  const act = async (id: string, action: () => Promise<unknown>) => {
    setMessage(null);
    setBusyId(id);
    try {
      await action();
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  return {
    busyId,
    cancel: (id: string, reason: string | undefined) => void act(id, () => cancelOrder({ variables: { id, reason } })),
    ship: (id: string) => void act(id, () => setFulfilmentStatus({ variables: { id, status: "SHIPPED" } })),
    deliver: (id: string) => void act(id, () => setFulfilmentStatus({ variables: { id, status: "DELIVERED" } })),
  };
}
