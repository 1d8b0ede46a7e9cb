import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import type { CustomerTier } from "../../gql/graphql";
import { parseMoney } from "../../lib/money";
import { useDraftForm } from "../../hooks/use-draft-form";
import { FormOutcome } from "../common/form-outcome";
import { Field } from "../common/field";

const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      name
      ...CustomerRow_User
    }
  }
`);

const EMPTY = { name: "", email: "", password: "", tier: "STANDARD" as CustomerTier, budget: "0.00" };
type Draft = typeof EMPTY;
type DraftErrors = Partial<Record<keyof Draft, string>>;

/** The new customer's input, or null with the reason for each refused field. */
function readDraft(draft: Draft) {
  const errors: DraftErrors = {};
  const budgetCents = parseMoney(draft.budget);
  if (!draft.name.trim()) errors.name = "Enter a name.";
  if (!draft.email.trim()) errors.email = "Enter an email.";
  if (!draft.password) errors.password = "Enter a password.";
  if (budgetCents === null || budgetCents < 0) errors.budget = "Enter a budget such as 250.00.";
  if (budgetCents === null || Object.keys(errors).length > 0) return { input: null, errors };
  const { name, email, password, tier } = draft;
  return { input: { name: name.trim(), email: email.trim(), password, tier, budgetCents }, errors };
}

/** A new customer: name, email, password, tier and a starting budget in money. */
export function AddCustomerForm({ onCreated }: { onCreated: () => void }) {
  const [createCustomer, { loading }] = useMutation(CreateCustomerMutation);
  const { draft, edit, errors, message, created, submit } = useDraftForm({
    empty: EMPTY,
    read: readDraft,
    save: async (input) => {
      const { data } = await createCustomer({ variables: { input } });
      onCreated();
      return `Added ${data?.createCustomer.name ?? "the customer"}.`;
    },
  });

  return (
    <details className="card mb-3">
      <summary className="card-header">Add a customer</summary>
      <form
        className="card-body row g-2"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label="Add a customer"
      >
        <Field id="new-customer-name" label="Name" error={errors.name} className="col-md-4">
          {(control) => <input {...control} className="form-control" value={draft.name} onChange={edit("name")} />}
        </Field>
        <Field id="new-customer-email" label="Email" error={errors.email} className="col-md-4">
          {(control) => (
            <input
              {...control}
              type="email"
              className="form-control"
              autoComplete="off"
              value={draft.email}
              onChange={edit("email")}
            />
          )}
        </Field>
        <Field id="new-customer-password" label="Password" error={errors.password} className="col-md-4">
          {(control) => (
            <input
              {...control}
              type="password"
              className="form-control"
              autoComplete="new-password"
              value={draft.password}
              onChange={edit("password")}
            />
          )}
        </Field>
        <Field id="new-customer-tier" label="Tier" className="col-md-3">
          {(control) => (
            <select {...control} className="form-select" value={draft.tier} onChange={edit("tier")}>
              <option value="STANDARD">Standard</option>
              <option value="PREMIUM">Premium ⭐</option>
            </select>
          )}
        </Field>
        <Field id="new-customer-budget" label="Starting budget ($)" error={errors.budget} className="col-md-3">
          {(control) => (
            <input
              {...control}
              className="form-control"
              inputMode="decimal"
              value={draft.budget}
              onChange={edit("budget")}
            />
          )}
        </Field>
        <FormOutcome message={message} created={created} busy={loading} label="Add customer" />
      </form>
    </details>
  );
}
