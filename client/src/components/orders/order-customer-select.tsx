import { errorMessage } from "../../lib/errors";
import { formatCents } from "../../lib/format";

/** A customer an admin can order for. */
export interface OrderCustomer {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly budgetCents: number;
}

interface OrderCustomerSelectProps {
  readonly customers: readonly OrderCustomer[];
  readonly loading: boolean;
  readonly error?: unknown;
  /** The chosen customer's id, "" for none yet. */
  readonly value: string;
  readonly onChange: (customerId: string) => void;
}

/** The admin's choice of whom an order is for, each customer with their budget. */
export function OrderCustomerSelect({ customers, loading, error, value, onChange }: OrderCustomerSelectProps) {
  return (
    <div className="mb-3" style={{ maxWidth: 420 }}>
      <label htmlFor="order-customer" className="form-label">
        Customer
      </label>
      <select
        id="order-customer"
        className="form-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={loading}
        required
      >
        <option value="">{loading ? "Loading customers…" : "Choose a customer"}</option>
        {customers.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name} ({user.email}) — budget {formatCents(user.budgetCents)}
          </option>
        ))}
      </select>
      {error ? <div className="form-text text-danger">{errorMessage(error)}</div> : null}
    </div>
  );
}
