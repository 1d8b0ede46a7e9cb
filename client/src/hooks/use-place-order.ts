import { useMutation } from "@apollo/client/react";
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

/** Places orders (for a customer, when an admin orders on their behalf), each with an idempotency key. */
export function usePlaceOrder() {
  const [mutate, { loading }] = useMutation(PlaceOrderMutation);

  const place = async (items: readonly OrderLineRequest[], customerId?: string): Promise<PlacedOrder> => {
    const lines = items.map(({ productId, quantity }) => ({ productId, quantity }));
    const { data } = await mutate({
      variables: {
        input: {
          // One key per submission: a retried request cannot place the order twice.
          idempotencyKey: crypto.randomUUID(),
          items: lines,
          ...(customerId ? { customerId } : {}),
        },
      },
    });
    if (!data) throw new Error("The server did not confirm the order. Please try again.");
    return data.placeOrder;
  };

  return { place, placing: loading };
}
