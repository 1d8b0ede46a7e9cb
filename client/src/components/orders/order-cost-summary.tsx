import { formatCents } from "../../lib/format";
import { isOverBudget } from "../../lib/order-total";

interface OrderCostSummaryProps {
  /** What the lines cost, in cents. */
  readonly total: number;
  /** The customer's available budget in cents; undefined while unknown (nothing is shown). */
  readonly budget: number | undefined;
  /** An admin orders for someone else: the hint to ask an admin for budget does not apply. */
  readonly onBehalf?: boolean;
}

/** The total of an order about to be placed, the budget it draws on, and a warning when it exceeds it. */
export function OrderCostSummary({ total, budget, onBehalf = false }: OrderCostSummaryProps) {
  return (
    <>
      <p className="fs-5 mt-3 mb-1" data-testid="order-total" aria-live="polite">
        Total: <strong>{formatCents(total)}</strong>
      </p>
      {budget !== undefined && (
        <p className="mb-2" data-testid="order-budget">
          Available budget: <strong>{formatCents(budget)}</strong>
        </p>
      )}
      {isOverBudget(total, budget) && (
        <div className="alert alert-warning" role="status" data-testid="budget-warning">
          This order costs {formatCents(total)}, but only {formatCents(budget)} of budget is available: it will be
          rejected unless the budget is raised{onBehalf ? "" : " (an admin can add budget)"}.
        </div>
      )}
    </>
  );
}
