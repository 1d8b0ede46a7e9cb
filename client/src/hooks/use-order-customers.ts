import { useQuery } from "@apollo/client/react";
import { graphql } from "../gql";

const PlaceOrderCustomersQuery = graphql(`
  query PlaceOrderCustomers {
    users(first: 100) {
      nodes {
        id
        name
        email
        role
        budgetCents
      }
    }
  }
`);

/** The customers an admin may order for, with their budgets; nothing is fetched when `skip`. */
export function useOrderCustomers({ skip }: { skip: boolean }) {
  const { data, loading, error } = useQuery(PlaceOrderCustomersQuery, { skip });
  const customers = (data?.users.nodes ?? []).filter((user) => user.role === "CUSTOMER");
  return { customers, loading, error };
}
