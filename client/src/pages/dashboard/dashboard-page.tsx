import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Alert } from "../../components/common/alert";
import { QueryState } from "../../components/common/query-state";
import { DashboardCard } from "../../components/dashboard/dashboard-card";
import { HeadlineFigures } from "../../components/dashboard/headline-figures";
import { LoadTest } from "../../components/dashboard/load-test";
import { OrderCharts } from "../../components/dashboard/order-charts";
import { SchedulerFigures } from "../../components/dashboard/scheduler-figures";
import { graphql, useFragment } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const DashboardPageQuery = graphql(`
  query DashboardPage {
    dashboard {
      ...DashboardPage_Dashboard
    }
  }
`);

// What the page's panels read: the query and each live event carry the same fields.
const DashboardPageFragment = graphql(`
  fragment DashboardPage_Dashboard on Dashboard {
    ...HeadlineFigures_Dashboard
    ...OrderCharts_Dashboard
    ...SchedulerFigures_Dashboard
    ...LoadTest_Dashboard
  }
`);

const DashboardUpdatedSubscription = graphql(`
  subscription DashboardUpdated {
    dashboardUpdated {
      ...DashboardPage_Dashboard
    }
  }
`);

/** Figures, charts and the scheduler, live; and a load generator for the scheduler. */
export function DashboardPage() {
  usePageTitle("Dashboard");
  const client = useApolloClient();
  // While a load test drains, also poll: the live events are throttled and the last one decides "done".
  const [polling, setPolling] = useState(false);
  const { data, error } = useQuery(DashboardPageQuery, {
    pollInterval: polling ? 1000 : 0,
    notifyOnNetworkStatusChange: false,
  });
  useSubscription(DashboardUpdatedSubscription, {
    onData: ({ data: event }) => {
      if (event.data)
        client.writeQuery({ query: DashboardPageQuery, data: { dashboard: event.data.dashboardUpdated } });
    },
  });
  const dashboard = useFragment(DashboardPageFragment, data?.dashboard);

  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Dashboard</h1>
      {error && !dashboard ? (
        <Alert kind="danger">Could not load the dashboard: {errorMessage(error)}</Alert>
      ) : (
        <QueryState loading={!dashboard} loadingText="Loading the dashboard…">
          {dashboard && (
            <>
              <HeadlineFigures dashboard={dashboard} />
              <OrderCharts dashboard={dashboard} />
              <div className="row g-3">
                <div className="col-lg-6">
                  <DashboardCard title="Scheduler">
                    <SchedulerFigures dashboard={dashboard} />
                  </DashboardCard>
                </div>
                <div className="col-lg-6">
                  <DashboardCard title="Load test">
                    <LoadTest dashboard={dashboard} onDrainingChange={setPolling} />
                  </DashboardCard>
                </div>
              </div>
            </>
          )}
        </QueryState>
      )}
    </main>
  );
}
