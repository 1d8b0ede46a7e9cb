import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "../common/confirm-dialog";
import { parseMoney } from "../../lib/money";
import { graphql } from "../../gql";
import type { CustomerRow_UserFragment, CustomerTier } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { formatCents, formatDateTime } from "../../lib/format";
import { evictEntity } from "../../apollo/cache";

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
  }
`);

const SetBudgetMutation = graphql(`
  mutation SetBudget($userId: ID!, $budgetCents: SafeInt!) {
    setBudget(userId: $userId, budgetCents: $budgetCents) {
      ...CustomerRow_User
    }
  }
`);

const AdjustBudgetMutation = graphql(`
  mutation AdjustBudget($userId: ID!, $deltaCents: SafeInt!) {
    adjustBudget(userId: $userId, deltaCents: $deltaCents) {
      ...CustomerRow_User
    }
  }
`);

const SetTierMutation = graphql(`
  mutation SetTier($userId: ID!, $tier: CustomerTier!) {
    setTier(userId: $userId, tier: $tier) {
      ...CustomerRow_User
    }
  }
`);

const DeleteCustomerMutation = graphql(`
  mutation DeleteCustomer($id: ID!) {
    deleteCustomer(id: $id)
  }
`);

interface CustomerRowProps {
  readonly user: CustomerRow_UserFragment;
}

/** One user: tier (⭐ premium), budget, total spent; for customers the budget, tier and delete actions. */
export function CustomerRow({ user }: CustomerRowProps) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [setTier, tierState] = useMutation(SetTierMutation);
  const [deleteCustomer, deleteState] = useMutation(DeleteCustomerMutation);
  const isCustomer = user.role === "CUSTOMER";
  const base = `customer-${user.id}`;

  const report = (ok: string | null, error: string | null) => {
    setSaved(ok);
    setMessage(error);
  };

  const changeTier = async (tier: CustomerTier) => {
    try {
      await setTier({ variables: { userId: user.id, tier } });
      report(`Tier changed to ${tier.toLowerCase()}.`, null);
    } catch (error) {
      report(null, errorMessage(error));
    }
  };

  const remove = async () => {
    try {
      await deleteCustomer({ variables: { id: user.id }, update: (cache) => evictEntity(cache, "User", user.id) });
    } catch (error) {
      setConfirming(false);
      report(null, errorMessage(error));
    }
  };

  return (
    <tr data-testid="customer-row" data-user-id={user.id}>
      {/* Premium rows are marked by a coloured edge, readable in both themes. */}
      <td data-label="Name" className={user.tier === "PREMIUM" && isCustomer ? "premium-edge" : undefined}>
        <div className="fw-semibold">
          {user.name}
          {user.tier === "PREMIUM" && isCustomer && (
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
        {!isCustomer ? (
          "Admin"
        ) : user.tier === "PREMIUM" ? (
          <span className="badge text-bg-warning">Premium</span>
        ) : (
          "Standard"
        )}
      </td>
      <td data-testid="customer-budget" data-label="Budget">
        {formatCents(user.budgetCents)}
      </td>
      <td data-label="Total spent">{formatCents(user.totalSpentCents)}</td>
      <td className="customer-actions" data-label="Actions">
        {isCustomer ? (
          <>
            <div className="d-flex flex-wrap gap-2 align-items-center">
              <label htmlFor={`${base}-tier`} className="visually-hidden">
                Tier of {user.name}
              </label>
              <select
                id={`${base}-tier`}
                className="form-select form-select-sm w-auto"
                value={user.tier}
                disabled={tierState.loading}
                onChange={(e) => void changeTier(e.target.value as CustomerTier)}
              >
                <option value="STANDARD">Standard</option>
                <option value="PREMIUM">Premium ⭐</option>
              </select>
              <button
                type="button"
                className="btn btn-outline-primary btn-sm"
                aria-expanded={open}
                aria-controls={`${base}-budget`}
                onClick={() => setOpen((value) => !value)}
              >
                {open ? "Close budget" : "Budget"}
              </button>
              <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </div>
            {open && (
              <div id={`${base}-budget`} className="mt-2">
                <BudgetForms
                  user={user}
                  onSaved={(text) => report(text, null)}
                  onError={(text) => report(null, text)}
                />
              </div>
            )}
          </>
        ) : (
          <span className="small text-body-secondary">—</span>
        )}
        {saved && (
          <div className="alert alert-success py-1 px-2 mt-2 mb-0 small" role="status">
            {saved}
          </div>
        )}
        {message && (
          <div className="alert alert-danger py-1 px-2 mt-2 mb-0 small" role="alert">
            {message}
          </div>
        )}
        {confirming && (
          <ConfirmDialog
            title="Delete customer"
            confirmLabel="Delete customer"
            busy={deleteState.loading}
            onCancel={() => setConfirming(false)}
            onConfirm={() => void remove()}
          >
            Delete <strong>{user.name}</strong> ({user.email})? Their pending orders are cancelled.
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

/** Set the budget to an amount, or adjust it by a (possibly negative) amount; money in, cents out. */
function BudgetForms({
  user,
  onSaved,
  onError,
}: {
  user: CustomerRow_UserFragment;
  onSaved: (message: string) => void;
  onError: (message: string) => void;
}) {
  const [amount, setAmount] = useState((user.budgetCents / 100).toFixed(2));
  const [delta, setDelta] = useState("");
  const [setBudget, setState] = useMutation(SetBudgetMutation);
  const [adjustBudget, adjustState] = useMutation(AdjustBudgetMutation);
  const base = `customer-${user.id}`;

  const submitSet = async (event: FormEvent) => {
    event.preventDefault();
    const budgetCents = parseMoney(amount);
    if (budgetCents === null || budgetCents < 0) return onError("Enter a budget such as 250.00.");
    try {
      const { data } = await setBudget({ variables: { userId: user.id, budgetCents } });
      if (data) onSaved(`Budget set to ${formatCents(data.setBudget.budgetCents)}.`);
    } catch (error) {
      onError(errorMessage(error));
    }
  };

  const submitAdjust = async (event: FormEvent) => {
    event.preventDefault();
    const deltaCents = parseMoney(delta);
    if (deltaCents === null || deltaCents === 0) return onError("Enter an amount such as 25.00 or -10.00.");
    try {
      const { data } = await adjustBudget({ variables: { userId: user.id, deltaCents } });
      if (data) {
        setDelta("");
        setAmount((data.adjustBudget.budgetCents / 100).toFixed(2));
        onSaved(`Budget adjusted to ${formatCents(data.adjustBudget.budgetCents)}.`);
      }
    } catch (error) {
      onError(errorMessage(error));
    }
  };

  return (
    <div className="d-flex flex-wrap gap-3">
      <form className="d-flex gap-1 align-items-end" onSubmit={(e) => void submitSet(e)} noValidate>
        <div>
          <label htmlFor={`${base}-set`} className="form-label small mb-0">
            Set budget ($)
          </label>
          <input
            id={`${base}-set`}
            className="form-control form-control-sm"
            inputMode="decimal"
            style={{ width: 110 }}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-sm" disabled={setState.loading}>
          Set
        </button>
      </form>
      <form className="d-flex gap-1 align-items-end" onSubmit={(e) => void submitAdjust(e)} noValidate>
        <div>
          <label htmlFor={`${base}-adjust`} className="form-label small mb-0">
            Adjust by ($, ± )
          </label>
          <input
            id={`${base}-adjust`}
            className="form-control form-control-sm"
            inputMode="decimal"
            placeholder="+25.00"
            style={{ width: 110 }}
            value={delta}
            onChange={(e) => setDelta(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-sm" disabled={adjustState.loading}>
          Adjust
        </button>
      </form>
    </div>
  );
}
