import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { Link } from "react-router";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { Alert } from "../common/alert";
import { QueryState } from "../common/query-state";
import { HeadlineFigures } from "../dashboard/headline-figures";

const AdminHomeQuery = graphql(`
  query AdminHome {
    dashboard {
      ...HeadlineFigures_Dashboard
    }
  }
`);

const AdminHomeDashboardUpdatedSubscription = graphql(`
  subscription AdminHomeDashboardUpdated {
    dashboardUpdated {
      ...HeadlineFigures_Dashboard
    }
  }
`);

/** An admin's home: the dashboard's headline figures, live, and the way to the rest. */
export function AdminHome() {
  const client = useApolloClient();
  const { data, error } = useQuery(AdminHomeQuery, { fetchPolicy: "cache-and-network" });
  // The dashboard has no id to normalize by: each event replaces the figures.
  useSubscription(AdminHomeDashboardUpdatedSubscription, {
    onData: ({ data: event }) => {
      if (event.data) client.writeQuery({ query: AdminHomeQuery, data: { dashboard: event.data.dashboardUpdated } });
    },
  });

  return (
    <>
      {error && !data ? (
        <Alert kind="danger">Could not load the figures: {errorMessage(error)}</Alert>
      ) : (
        <QueryState loading={!data} loadingText="Loading the figures…">
          {data && <HeadlineFigures dashboard={data.dashboard} />}
        </QueryState>
      )}
      <div className="d-flex flex-wrap align-items-center gap-3">
        <Link className="btn btn-primary" to="/dashboard">
          Open the dashboard
        </Link>
        <Link to="/orders">All orders</Link>
        <Link to="/customers">Manage customers</Link>
      </div>
    </>
  );
}
