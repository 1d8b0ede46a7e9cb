import { graphql, useFragment, type FragmentType } from "../../gql";
import { formatCents } from "../../lib/format";

/** The dashboard's headline figures, shown on the dashboard and on the admin's home page. */
export const HeadlineFiguresFragment = graphql(`
  fragment HeadlineFigures_Dashboard on Dashboard {
    customerCount
    premiumCustomerCount
    productCount
    orderCount
    revenueCents
  }
`);

function StatCard({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="col-6 col-lg-3">
      <div className="card h-100">
        <div className="card-body">
          <div className="small text-body-secondary">{label}</div>
          <div className="fs-3 fw-semibold" data-testid={testId}>
            {value}
          </div>
          {detail && <div className="small text-body-secondary">{detail}</div>}
        </div>
      </div>
    </div>
  );
}

/** Customers (premium among them), products, orders and revenue, as a row of cards. */
export function HeadlineFigures(props: { dashboard: FragmentType<typeof HeadlineFiguresFragment> }) {
  const dashboard = useFragment(HeadlineFiguresFragment, props.dashboard);
  return (
    <div className="row g-3 mb-3">
      <StatCard
        label="Customers"
        value={String(dashboard.customerCount)}
        detail={`${dashboard.premiumCustomerCount} premium`}
        testId="stat-customers"
      />
      <StatCard label="Products" value={String(dashboard.productCount)} testId="stat-products" />
      <StatCard label="Orders" value={String(dashboard.orderCount)} testId="stat-orders" />
      <StatCard label="Revenue" value={formatCents(dashboard.revenueCents)} testId="stat-revenue" />
    </div>
  );
}
