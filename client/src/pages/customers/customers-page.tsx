import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Alert } from "../../components/common/alert";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { QueryState } from "../../components/common/query-state";
import { TableRegion } from "../../components/common/table-region";
import { AddCustomerForm } from "../../components/customers/add-customer-form";
import { CustomerFilters, type CustomerFilter } from "../../components/customers/customer-filters";
import { CustomerRow } from "../../components/customers/customer-row";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import { usePageTitle } from "../../hooks/use-page-title";

// `id` and `tier` are read here, outside the row's masked fragment, to key and filter the rows.
const CustomersPageQuery = graphql(`
  query CustomersPage($filter: UserFilter, $after: String, $first: Int) {
    users(filter: $filter, after: $after, first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        tier
        ...CustomerRow_User
      }
    }
  }
`);

const PAGE_SIZE = 20;

/** The admin's list of users (premium ⭐ highlighted) with search, tier filter and the customer actions. */
export function CustomersPage() {
  usePageTitle("Customers");
  const [filter, setFilter] = useState<CustomerFilter>({});
  const [message, setMessage] = useState<string | null>(null);

  const { data, loading, error, fetchMore, refetch } = useQuery(CustomersPageQuery, {
    variables: { filter, first: PAGE_SIZE },
  });

  const { loadingMore, loadMore } = useLoadMore(
    data?.users.pageInfo.endCursor,
    (after) => fetchMore({ variables: { after } }),
    setMessage,
  );

  // A tier change can move a row out of the filtered list.
  const nodes = (data?.users.nodes ?? []).filter((node) => !filter.tier || node.tier === filter.tier);

  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Customers</h1>
      <AddCustomerForm onCreated={() => void refetch()} />
      <CustomerFilters onChange={setFilter} />
      {message && <Alert kind="danger">{message}</Alert>}
      <QueryState
        loading={loading && !data}
        error={error}
        empty={nodes.length === 0}
        loadingText="Loading customers…"
        emptyText="No customer matches."
      >
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
      </QueryState>
      {data?.users.pageInfo.hasNextPage && <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />}
    </main>
  );
}
