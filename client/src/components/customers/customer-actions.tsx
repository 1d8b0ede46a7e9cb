import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import type { CustomerTier } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { Alert } from "../common/alert";
import { BudgetForms } from "./budget-forms";
import { DeleteCustomerDialog } from "./delete-customer-dialog";

export const CustomerActionsFragment = graphql(`
  fragment CustomerActions_User on User {
    id
    name
    email
    tier
    ...BudgetForms_User
  }
`);

const SetTierMutation = graphql(`
  mutation SetTier($userId: ID!, $tier: CustomerTier!) {
    setTier(userId: $userId, tier: $tier) {
      ...CustomerRow_User
    }
  }
`);

/** A customer's tier, budget and delete actions, with what the last one did. */
export function CustomerActions(props: { readonly user: FragmentType<typeof CustomerActionsFragment> }) {
  const user = useFragment(CustomerActionsFragment, props.user);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [setTier, tierState] = useMutation(SetTierMutation);
  const base = `customer-${user.id}`;
  const compact = "py-1 px-2 mt-2 mb-0 small";

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

  return (
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
          <BudgetForms user={user} onSaved={(text) => report(text, null)} onError={(text) => report(null, text)} />
        </div>
      )}
      {saved && (
        <Alert kind="success" className={compact}>
          {saved}
        </Alert>
      )}
      {message && (
        <Alert kind="danger" className={compact}>
          {message}
        </Alert>
      )}
      {confirming && (
        <DeleteCustomerDialog
          userId={user.id}
          name={user.name}
          email={user.email}
          onCancel={() => setConfirming(false)}
          onError={(text) => {
            setConfirming(false);
            report(null, text);
          }}
        />
      )}
    </>
  );
}
