import { graphql, useFragment, type FragmentType } from "../../gql";
import { StatusDoughnut, ThroughputLine } from "./dashboard-charts";
import { DashboardCard } from "./dashboard-card";

export const OrderChartsFragment = graphql(`
  fragment OrderCharts_Dashboard on Dashboard {
    ordersByStatus {
      status
      count
    }
    throughput {
      minute
      approved
      rejected
    }
  }
`);

/** The dashboard's two charts side by side: orders by status and the last hour's throughput. */
export function OrderCharts(props: { dashboard: FragmentType<typeof OrderChartsFragment> }) {
  const dashboard = useFragment(OrderChartsFragment, props.dashboard);
  return (
    <div className="row g-3 mb-3">
      <div className="col-lg-4">
        <DashboardCard title="Orders by status">
          <div data-testid="chart-status">
            <StatusDoughnut counts={dashboard.ordersByStatus} />
          </div>
        </DashboardCard>
      </div>
      <div className="col-lg-8">
        <DashboardCard title="Throughput (per minute, last hour)">
          <div data-testid="chart-throughput">
            <ThroughputLine points={dashboard.throughput} />
          </div>
        </DashboardCard>
      </div>
    </div>
  );
}
