import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { formatCents } from "../../lib/format";
import { parseMoney } from "../../lib/money";
import { Field } from "../common/field";

export const BudgetFormsFragment = graphql(`
  fragment BudgetForms_User on User {
    id
    budgetCents
  }
`);

const SetBudgetMutation = graphql(`
  mutation SetBudget($userId: ID!, $budgetCents: SafeInt!) {
    setBudget(userId: $userId, budgetCents: $budgetCents) {
      id
      budgetCents
      ...CustomerRow_User
    }
  }
`);

const AdjustBudgetMutation = graphql(`
  mutation AdjustBudget($userId: ID!, $deltaCents: SafeInt!) {
    adjustBudget(userId: $userId, deltaCents: $deltaCents) {
      id
      budgetCents
      ...CustomerRow_User
    }
  }
`);

interface BudgetFormsProps {
  readonly user: FragmentType<typeof BudgetFormsFragment>;
  /** What was saved, in a sentence. */
  readonly onSaved: (message: string) => void;
  /** The API's refusal, in a sentence; a mistyped amount is shown at its field instead. */
  readonly onError: (message: string) => void;
}

const asMoney = (cents: number) => (cents / 100).toFixed(2);
const field = { className: "", labelClassName: "form-label small mb-0" };
const input = "form-control form-control-sm";

/** Set the budget to an amount, or adjust it by a (possibly negative) amount; money in, cents out. */
export function BudgetForms({ onSaved, onError, ...props }: BudgetFormsProps) {
  const user = useFragment(BudgetFormsFragment, props.user);
  const [amount, setAmount] = useState(asMoney(user.budgetCents));
  const [delta, setDelta] = useState("");
  const [errors, setErrors] = useState<{ set?: string; adjust?: string }>({});
  const [setBudget, setState] = useMutation(SetBudgetMutation);
  const [adjustBudget, adjustState] = useMutation(AdjustBudgetMutation);
  const base = `customer-${user.id}`;

  const submitSet = async (event: FormEvent) => {
    event.preventDefault();
    const budgetCents = parseMoney(amount);
    if (budgetCents === null || budgetCents < 0) return setErrors({ set: "Enter a budget such as 250.00." });
    setErrors({});
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
    if (deltaCents === null || deltaCents === 0)
      return setErrors({ adjust: "Enter an amount such as 25.00 or -10.00." });
    setErrors({});
    try {
      const { data } = await adjustBudget({ variables: { userId: user.id, deltaCents } });
      if (data) {
        setDelta("");
        setAmount(asMoney(data.adjustBudget.budgetCents));
        onSaved(`Budget adjusted to ${formatCents(data.adjustBudget.budgetCents)}.`);
      }
    } catch (error) {
      onError(errorMessage(error));
    }
  };

  return (
    <div className="d-flex flex-wrap gap-3">
      <form className="d-flex gap-1 align-items-end" onSubmit={(e) => void submitSet(e)} noValidate>
        <Field id={`${base}-set`} label="Set budget ($)" error={errors.set} {...field}>
          {(control) => (
            <input
              {...control}
              className={input}
              inputMode="decimal"
              style={{ width: 110 }}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-sm" disabled={setState.loading}>
          Set
        </button>
      </form>
      <form className="d-flex gap-1 align-items-end" onSubmit={(e) => void submitAdjust(e)} noValidate>
        <Field id={`${base}-adjust`} label="Adjust by ($, ± )" error={errors.adjust} {...field}>
          {(control) => (
            <input
              {...control}
              className={input}
              inputMode="decimal"
              placeholder="+25.00"
              style={{ width: 110 }}
              value={delta}
              onChange={(e) => setDelta(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-sm" disabled={adjustState.loading}>
          Adjust
        </button>
      </form>
    </div>
  );
}
