import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { CustomerRow } from "../../components/customers/customer-row";
import { parseMoney } from "../../lib/money";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { TableRegion } from "../../components/common/table-region";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import type { CustomerTier } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const CustomersPageQuery = graphql(`
  query CustomersPage($filter: UserFilter, $after: String, $first: Int) {
    users(filter: $filter, after: $after, first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...CustomerRow_User
      }
    }
  }
`);

const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      ...CustomerRow_User
    }
  }
`);

const PAGE_SIZE = 20;

/** The admin's list of users (premium ⭐ highlighted) with search, tier filter and the customer actions. */
export function CustomersPage() {
  usePageTitle("Customers");
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [tier, setTier] = useState<CustomerTier | "">("");
  // The load-test accounts of "Generate random orders" stay out of the list unless asked for.
  const [includeTestAccounts, setIncludeTestAccounts] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const filter = {
    ...(search ? { search } : {}),
    ...(tier ? { tier } : {}),
    ...(includeTestAccounts ? { includeTestAccounts } : {}),
  };
  const { data, loading, error, fetchMore, refetch } = useQuery(CustomersPageQuery, {
    variables: { filter, first: PAGE_SIZE },
  });

  const { loadingMore, loadMore } = useLoadMore(
    data?.users.pageInfo.endCursor,
    (after) => fetchMore({ variables: { after } }),
    setMessage,
  );

  // A tier change can move a row out of the filtered list.
  const nodes = (data?.users.nodes ?? []).filter((node) => !tier || node.tier === tier);

  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Customers</h1>
      <AddCustomerForm onCreated={() => void refetch()} />
      <form
        className="row g-2 align-items-end mb-3"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(searchText.trim());
        }}
      >
        <div className="col-md-6">
          <label htmlFor="customers-search" className="form-label">
            Search by name or email
          </label>
          <input
            id="customers-search"
            type="search"
            className="form-control"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
        <div className="col-md-3">
          <label htmlFor="customers-tier" className="form-label">
            Filter by tier
          </label>
          <select
            id="customers-tier"
            className="form-select"
            value={tier}
            onChange={(e) => setTier(e.target.value as CustomerTier | "")}
          >
            <option value="">All tiers</option>
            <option value="STANDARD">Standard</option>
            <option value="PREMIUM">Premium ⭐</option>
          </select>
        </div>
        <div className="col-md-3">
          <div className="form-check">
            <input
              id="customers-test-accounts"
              type="checkbox"
              className="form-check-input"
              checked={includeTestAccounts}
              onChange={(e) => setIncludeTestAccounts(e.target.checked)}
            />
            <label htmlFor="customers-test-accounts" className="form-check-label">
              Show load-test accounts
            </label>
          </div>
          <button type="submit" className="btn btn-outline-primary mt-2">
            Search
          </button>
        </div>
      </form>
      {message && (
        <div className="alert alert-danger" role="alert">
          {message}
        </div>
      )}
      {error ? (
        <div className="alert alert-danger" role="alert">
          {errorMessage(error)}
        </div>
      ) : loading && !data ? (
        <p className="text-body-secondary" role="status">
          Loading customers…
        </p>
      ) : nodes.length === 0 ? (
        <p className="text-body-secondary">No customer matches.</p>
      ) : (
        <>
          <p className="small text-body-secondary">
            Showing {nodes.length} of {data?.users.totalCount ?? nodes.length}
          </p>
          <TableRegion label="Customers">
            <table className="table align-middle table-stack" aria-label="Customers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Budget</th>
                  <th scope="col">Total spent</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((user) => (
                  <CustomerRow key={user.id} user={user} />
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
      {data?.users.pageInfo.hasNextPage && <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />}
    </main>
  );
}

/** A new customer: name, email, password, tier and a starting budget in money. */
function AddCustomerForm({ onCreated }: { onCreated: () => void }) {
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
            <div className="alert alert-danger mb-0" role="alert">
              {message}
            </div>
          </div>
        )}
        {created && (
          <div className="col-12">
            <div className="alert alert-success mb-0" role="status">
              {created}
            </div>
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
