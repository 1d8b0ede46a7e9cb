import { useState } from "react";
import type { CustomerTier } from "../../gql/graphql";

/** The customer list's filter as the API takes it (UserFilter). */
export interface CustomerFilter {
  readonly search?: string;
  readonly tier?: CustomerTier;
  readonly includeTestAccounts?: boolean;
}

/**
 * Search by name or email (on submit), the tier and whether to show the load-test accounts of
 * "Generate random orders" (both at once); `onChange` gets the filter without its empty parts.
 */
export function CustomerFilters({ onChange }: { onChange: (filter: CustomerFilter) => void }) {
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [tier, setTier] = useState<CustomerTier | "">("");
  const [includeTestAccounts, setIncludeTestAccounts] = useState(false);
  const apply = (next: { search: string; tier: CustomerTier | ""; includeTestAccounts: boolean }) => {
    setSearch(next.search);
    setTier(next.tier);
    setIncludeTestAccounts(next.includeTestAccounts);
    onChange({
      ...(next.search ? { search: next.search } : {}),
      ...(next.tier ? { tier: next.tier } : {}),
      ...(next.includeTestAccounts ? { includeTestAccounts: true } : {}),
    });
  };

  return (
    <form
      className="row g-2 align-items-end mb-3"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        apply({ search: searchText.trim(), tier, includeTestAccounts });
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
          onChange={(e) => apply({ search, tier: e.target.value as CustomerTier | "", includeTestAccounts })}
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
            onChange={(e) => apply({ search, tier, includeTestAccounts: e.target.checked })}
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
  );
}
