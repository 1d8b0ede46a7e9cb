import { useQuery } from "@apollo/client/react";
import { QueryState } from "../../components/common/query-state";
import { TableRegion } from "../../components/common/table-region";
import { ApiTokenRow } from "../../components/api-tokens/api-token-row";
import { CreateApiTokenForm } from "../../components/api-tokens/create-api-token-form";
import { graphql } from "../../gql";

const ApiTokensSectionQuery = graphql(`
  query ApiTokensSection {
    apiTokens {
      id
      ...ApiTokenRow_ApiToken
    }
    apiScopes {
      name
      description
    }
  }
`);

/** The admin's API tokens: the list (with revocation) and a form for a new one. */
export function ApiTokensSection() {
  const { data, loading, error, refetch } = useQuery(ApiTokensSectionQuery);
  const tokens = data?.apiTokens ?? [];

  return (
    <section className="mb-4" aria-labelledby="api-tokens-heading">
      <h2 className="h4" id="api-tokens-heading">
        API tokens
      </h2>
      <p className="text-body-secondary">
        For scripts and other systems: send a token as <code>Authorization: Bearer of_…</code>. It acts as you, limited
        to its scopes, and can never manage tokens, accounts, passwords or two-factor authentication.
      </p>
      {data && <CreateApiTokenForm scopes={data.apiScopes} onCreated={() => void refetch()} />}
      <QueryState
        loading={loading && !data}
        error={error}
        empty={tokens.length === 0}
        loadingText="Loading API tokens…"
        emptyText="No API token yet."
      >
        <TableRegion label="API tokens">
          <table className="table align-middle table-stack" aria-label="API tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <ApiTokenRow key={token.id} token={token} />
              ))}
            </tbody>
          </table>
        </TableRegion>
      </QueryState>
    </section>
  );
}
