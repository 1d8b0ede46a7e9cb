import { graphql, useFragment, type FragmentType } from "../../gql";
import type { OrderReason_OrderFragment } from "../../gql/graphql";
import { formatCents } from "../../lib/format";

/** Why an order was rejected or cancelled. */
export const OrderReason_OrderFragmentDoc = graphql(`
  fragment OrderReason_Order on Order {
    reason
    rejection {
      code
      productName
      requestedQuantity
      availableQuantity
      requiredCents
      availableCents
    }
  }
`);

type Rejection = NonNullable<OrderReason_OrderFragment["rejection"]>;

/** A rejection in words, its amounts as money; null for a code this client does not know yet. */
export function describeRejection(rejection: Rejection): string | null {
  const product = `"${rejection.productName ?? "a product"}"`;
  switch (rejection.code) {
    case "INSUFFICIENT_BUDGET":
      return `Not enough budget: the order costs ${formatCents(rejection.requiredCents ?? 0)}, and ${formatCents(rejection.availableCents ?? 0)} was available.`;
    case "INSUFFICIENT_STOCK":
      return `Not enough stock of ${product}: ${rejection.requestedQuantity ?? "?"} wanted, ${rejection.availableQuantity ?? "?"} available.`;
    case "PRODUCT_DELETED":
      return `${product} is no longer sold.`;
    case "CUSTOMER_DELETED":
      return "The customer's account was deleted.";
    default:
      return null;
  }
}

/**
 * The reason under an order's status: a rejection worded from its code and figures, or the API's
 * text (a cancellation's reason, or a rejection from before rejections had codes).
 */
export function OrderReason({ order: orderRef }: { order: FragmentType<typeof OrderReason_OrderFragmentDoc> }) {
  const order = useFragment(OrderReason_OrderFragmentDoc, orderRef);
  const text = (order.rejection && describeRejection(order.rejection)) ?? order.reason;
  if (!text) return null;
  return (
    <div className="small text-body-secondary mt-1" data-testid="order-reason">
      {text}
    </div>
  );
}
