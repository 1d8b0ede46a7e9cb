import type { OrderFilter, OrderStatus } from "../gql/graphql";

/** What the orders page's filter form holds: no status and no customer mean all. */
export interface OrderFilterChoice {
  readonly statuses: readonly OrderStatus[];
  /** "" for all customers; admins only. */
  readonly customerId: string;
}

/** What an order needs for the filter to decide on it. */
export interface FilterableOrder {
  readonly status: OrderStatus;
  readonly customer: { readonly id: string };
}

/** The API's filter for a choice; the customer only counts for admins. */
export function toOrderFilter({ statuses, customerId }: OrderFilterChoice, isAdmin: boolean): OrderFilter {
  return {
    ...(statuses.length > 0 ? { status: [...statuses] } : {}),
    ...(isAdmin && customerId ? { customerId } : {}),
  };
}

/** Whether an order (e.g. one that arrived live) belongs in the list the filter asked for. */
export function matchesOrderFilter(order: FilterableOrder, filter: OrderFilter): boolean {
  return (
    (!filter.status || filter.status.length === 0 || filter.status.includes(order.status)) &&
    (!filter.customerId || order.customer.id === filter.customerId)
  );
}
