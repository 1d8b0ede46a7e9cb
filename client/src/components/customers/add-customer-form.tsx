import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql } from "../../gql";
import type { CustomerTier } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { parseMoney } from "../../lib/money";
import { Alert } from "../common/alert";

const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      name
      ...CustomerRow_User
    }
  }
`);

/** A new customer: name, email, password, tier and a starting budget in money. */
export function AddCustomerForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tier, setTier] = useState<CustomerTier>("STANDARD");
  const [budget, setBudget] = useState("0.00");
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [createCustomer, { loading }] = useMutation(CreateCustomerMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const budgetCents = parseMoney(budget);
    if (!name.trim() || !email.trim() || !password) return setMessage("Enter a name, an email and a password.");
    if (budgetCents === null || budgetCents < 0) return setMessage("Enter a budget such as 250.00.");
    setMessage(null);
    try {
      const { data } = await createCustomer({
        variables: { input: { name: name.trim(), email: email.trim(), password, tier, budgetCents } },
      });
      setCreated(`Added ${data?.createCustomer.name ?? "the customer"}.`);
      setName("");
      setEmail("");
      setPassword("");
      setTier("STANDARD");
      setBudget("0.00");
      onCreated();
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <details className="card mb-3">
      <summary className="card-header">Add a customer</summary>
      <form
        className="card-body row g-2"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label="Add a customer"
      >
        <div className="col-md-4">
          <label htmlFor="new-customer-name" className="form-label">
            Name
          </label>
          <input
            id="new-customer-name"
            className="form-control"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="col-md-4">
          <label htmlFor="new-customer-email" className="form-label">
            Email
          </label>
          <input
            id="new-customer-email"
            type="email"
            className="form-control"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="col-md-4">
          <label htmlFor="new-customer-password" className="form-label">
            Password
          </label>
          <input
            id="new-customer-password"
            type="password"
            className="form-control"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="col-md-3">
          <label htmlFor="new-customer-tier" className="form-label">
            Tier
          </label>
          <select
            id="new-customer-tier"
            className="form-select"
            value={tier}
            onChange={(e) => setTier(e.target.value as CustomerTier)}
          >
            <option value="STANDARD">Standard</option>
            <option value="PREMIUM">Premium ⭐</option>
          </select>
        </div>
        <div className="col-md-3">
          <label htmlFor="new-customer-budget" className="form-label">
            Starting budget ($)
          </label>
          <input
            id="new-customer-budget"
            className="form-control"
            inputMode="decimal"
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
        </div>
        {message && (
          <div className="col-12">
            <Alert kind="danger" className="mb-0">
              {message}
            </Alert>
          </div>
        )}
        {created && (
          <div className="col-12">
            <Alert kind="success" className="mb-0">
              {created}
            </Alert>
          </div>
        )}
        <div className="col-12">
          <button type="submit" className="btn btn-primary" disabled={loading}>
            {loading ? "Adding…" : "Add customer"}
          </button>
        </div>
      </form>
    </details>
  );
}
