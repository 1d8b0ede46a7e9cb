import type { UpdateQueryMapFn } from "@apollo/client";
import { useSubscription } from "@apollo/client/react";
import { graphql } from "../gql";
import type { OrderFilter, OrdersPageQuery, OrdersPageQueryVariables } from "../gql/graphql";
import { matchesOrderFilter } from "../lib/order-filter";

// The row's fields, and outside the fragment what the page filters on.
const OrderUpdatedSubscription = graphql(`
  subscription OrderUpdated {
    orderUpdated {
      id
      status
      customer {
        id
      }
      ...OrderRow_Order
    }
  }
`);

type UpdateOrdersPage = (mapFn: UpdateQueryMapFn<OrdersPageQuery, OrdersPageQueryVariables>) => void;

/**
 * Keeps the orders page live: status changes update the normalized cache by id on their own; an
 * order the list does not have yet is put on top when it matches the filter.
 */
export function useOrderUpdates(filter: OrderFilter, updateQuery: UpdateOrdersPage) {
  useSubscription(OrderUpdatedSubscription, {
    onData: ({ data: event }) => {
      const order = event.data?.orderUpdated;
      if (!order || !matchesOrderFilter(order, filter)) return;
      updateQuery((_unsafe, options) => {
        if (!options.complete) return;
        const previous = options.previousData;
        const orders = previous.orders;
        if (orders.nodes.some((node) => node.id === order.id)) return previous;
        return {
          ...previous,
          orders: { ...orders, totalCount: orders.totalCount + 1, nodes: [order, ...orders.nodes] },
        };
      });
    },
  });
}
