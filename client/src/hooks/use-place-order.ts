import { useMutation } from "@apollo/client/react";
import { useRef } from "react";
import { graphql } from "../gql";

const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
    }
  }
`);

/** One line of an order to place. */
export interface OrderLineRequest {
  readonly productId: string;
  readonly quantity: number;
}

/** The order the API accepted. */
export interface PlacedOrder {
  readonly id: string;
  readonly status: string;
}

/**
 * Places orders with an idempotency key per set of lines: trying the same lines again after a
 * failure (a lost answer, a dropped connection) returns the first order instead of placing a
 * second; other lines, or the same lines after a success, get a fresh key.
 */
export function usePlaceOrder() {
  const [mutate, { loading }] = useMutation(PlaceOrderMutation);
  const attempt = useRef<{ readonly fingerprint: string; readonly key: string } | null>(null);

  const place = async (items: readonly OrderLineRequest[], customerId?: string): Promise<PlacedOrder> => {
    const lines = items.map(({ productId, quantity }) => ({ productId, quantity }));
    const fingerprint = JSON.stringify([customerId ?? null, lines]);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { fingerprint, key: crypto.randomUUID() };
    const { data } = await mutate({
      variables: {
        input: { idempotencyKey: attempt.current.key, items: lines, ...(customerId ? { customerId } : {}) },
      },
    });
    if (!data) throw new Error("The server did not confirm the order. Please try again.");
    attempt.current = null;
    return data.placeOrder;
  };

  return { place, placing: loading };
}
