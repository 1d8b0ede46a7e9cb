import { useQuery } from "@apollo/client/react";
import { graphql } from "../../gql";
import type { OrderStatus } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import type { OrderFilterChoice } from "../../lib/order-filter";
import { ORDER_STATUSES } from "./order-status-badge";

const OrdersFilterCustomersQuery = graphql(`
  query OrdersFilterCustomers {
    users(first: 100) {
      nodes {
        id
        name
        email
        role
      }
    }
  }
`);

interface OrdersFilterProps {
  readonly choice: OrderFilterChoice;
  readonly onChange: (choice: OrderFilterChoice) => void;
  /** Admins also filter by customer. */
  readonly isAdmin: boolean;
}

/** The orders list's filter: status checkboxes, and for admins the customer. */
export function OrdersFilter({ choice, onChange, isAdmin }: OrdersFilterProps) {
  const customers = useQuery(OrdersFilterCustomersQuery, { skip: !isAdmin });
  const { statuses, customerId } = choice;
  const toggleStatus = (status: OrderStatus) =>
    onChange({
      ...choice,
      statuses: statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status],
    });
  return (
    <form className="card card-body mb-3" onSubmit={(e) => e.preventDefault()} aria-label="Filter orders">
      <fieldset className="mb-2">
        <legend className="form-label fs-6">Status</legend>
        <div className="d-flex flex-wrap gap-3">
          {ORDER_STATUSES.map((status) => (
            <div className="form-check" key={status}>
              <input
                id={`orders-status-${status}`}
                type="checkbox"
                className="form-check-input"
                checked={statuses.includes(status)}
                onChange={() => toggleStatus(status)}
              />
              <label className="form-check-label" htmlFor={`orders-status-${status}`}>
                {status.charAt(0) + status.slice(1).toLowerCase()}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {isAdmin && (
        <div style={{ maxWidth: 360 }}>
          <label htmlFor="orders-customer" className="form-label">
            Customer
          </label>
          <select
            id="orders-customer"
            className="form-select"
            value={customerId}
            onChange={(e) => onChange({ ...choice, customerId: e.target.value })}
            disabled={customers.loading}
          >
            <option value="">All customers</option>
            {(customers.data?.users.nodes ?? [])
              .filter((user) => user.role === "CUSTOMER")
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
          </select>
          {customers.error && <div className="form-text text-danger">{errorMessage(customers.error)}</div>}
        </div>
      )}
    </form>
  );
}
