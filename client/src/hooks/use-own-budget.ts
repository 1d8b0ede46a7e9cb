import { useQuery } from "@apollo/client/react";
import { graphql } from "../gql";

const OwnBudgetQuery = graphql(`
  query OwnBudget {
    me {
      id
      budgetCents
    }
  }
`);

/**
 * The logged-in customer's available budget in cents; undefined while loading or when `skip`.
 * Fetched fresh on every mount, and kept live by any event that carries the user (by id).
 */
export function useOwnBudget({ skip = false }: { skip?: boolean } = {}): number | undefined {
  const { data } = useQuery(OwnBudgetQuery, { skip, fetchPolicy: "cache-and-network" });
  return data?.me?.budgetCents;
}
