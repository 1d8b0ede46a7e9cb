import { graphql, useFragment, type FragmentType } from "../../gql";
import { formatCents, formatDateTime } from "../../lib/format";
import { CustomerActions } from "./customer-actions";

export const CustomerRowFragment = graphql(`
  fragment CustomerRow_User on User {
    id
    name
    email
    role
    tier
    budgetCents
    totalSpentCents
    createdAt
    testAccount
    ...CustomerActions_User
  }
`);

interface CustomerRowProps {
  readonly user: FragmentType<typeof CustomerRowFragment>;
}

/** One user: tier (⭐ premium), budget, total spent; for customers the budget, tier and delete actions. */
export function CustomerRow(props: CustomerRowProps) {
  const user = useFragment(CustomerRowFragment, props.user);
  const isCustomer = user.role === "CUSTOMER";
  const premium = user.tier === "PREMIUM" && isCustomer;

  return (
    <tr data-testid="customer-row" data-user-id={user.id}>
      {/* Premium rows are marked by a coloured edge, readable in both themes. */}
      <td data-label="Name" className={premium ? "premium-edge" : undefined}>
        <div className="fw-semibold">
          {user.name}
          {premium && (
            <span role="img" aria-label="premium" title="Premium">
              {" "}
              ⭐
            </span>
          )}
        </div>
        <div className="small text-body-secondary">{user.email}</div>
        {user.testAccount && <span className="badge text-bg-secondary">load test</span>}
        <div className="small text-body-secondary">Since {formatDateTime(user.createdAt)}</div>
      </td>
      <td data-label="Tier">
        {!isCustomer ? "Admin" : premium ? <span className="badge text-bg-warning">Premium</span> : "Standard"}
      </td>
      <td data-testid="customer-budget" data-label="Budget">
        {formatCents(user.budgetCents)}
      </td>
      <td data-label="Total spent">{formatCents(user.totalSpentCents)}</td>
      <td className="customer-actions" data-label="Actions">
        {isCustomer ? <CustomerActions user={user} /> : <span className="small text-body-secondary">—</span>}
      </td>
    </tr>
  );
}
