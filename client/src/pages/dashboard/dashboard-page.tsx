import { useApolloClient, useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { StatusDoughnut, ThroughputLine } from "../../components/dashboard/dashboard-charts";
import { HeadlineFigures } from "../../components/dashboard/headline-figures";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const DashboardPageQuery = graphql(`
  query DashboardPage {
    dashboard {
      ...DashboardPage_Dashboard
    }
  }
`);

graphql(`
  fragment DashboardPage_Dashboard on Dashboard {
    ...HeadlineFigures_Dashboard
    ordersByStatus {
      status
      count
    }
    throughput {
      minute
      approved
      rejected
    }
    scheduler {
      queued
      inFlight
      concurrency
      processedTotal
      approvedTotal
      rejectedTotal
      meanWaitMsPremium
      meanWaitMsStandard
    }
  }
`);

const DashboardUpdatedSubscription = graphql(`
  subscription DashboardUpdated {
    dashboardUpdated {
      ...DashboardPage_Dashboard
    }
  }
`);

const GenerateRandomOrdersMutation = graphql(`
  mutation GenerateRandomOrders($count: Int!) {
    generateRandomOrders(count: $count)
  }
`);

function formatWait(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

interface Run {
  readonly count: number;
  /** The largest backlog seen since the run started: the progress bar's 100 %. */
  readonly peak: number;
  readonly sawBacklog: boolean;
  /** processedTotal when the run started: a run too quick to show a backlog still ends. */
  readonly processedBefore: number;
}

/** Figures, charts and the scheduler, live; and a load generator for the scheduler. */
export function DashboardPage() {
  usePageTitle("Dashboard");
  const client = useApolloClient();
  const [run, setRun] = useState<Run | null>(null);
  const [count, setCount] = useState("100");
  const [message, setMessage] = useState<string | null>(null);
  // While a run drains, also poll: the live events are throttled and the last one decides "done".
  const { data, loading, error } = useQuery(DashboardPageQuery, {
    pollInterval: run ? 1000 : 0,
    notifyOnNetworkStatusChange: false,
  });
  useSubscription(DashboardUpdatedSubscription, {
    onData: ({ data: event }) => {
      if (event.data)
        client.writeQuery({ query: DashboardPageQuery, data: { dashboard: event.data.dashboardUpdated } });
    },
  });
  const [generate, { loading: generating }] = useMutation(GenerateRandomOrdersMutation);

  const dashboard = data?.dashboard;
  const backlog = dashboard ? dashboard.scheduler.queued + dashboard.scheduler.inFlight : 0;
  // Track the run from the live figures (state adjusted during render, as React recommends).
  if (run && dashboard && (backlog > run.peak || (backlog > 0 && !run.sawBacklog))) {
    setRun({ ...run, peak: Math.max(run.peak, backlog), sawBacklog: true });
  }
  const done =
    run !== null &&
    dashboard !== undefined &&
    backlog === 0 &&
    (run.sawBacklog || dashboard.scheduler.processedTotal >= run.processedBefore + run.count);
  const percent = run ? (done ? 100 : Math.round((100 * (run.peak - backlog)) / Math.max(run.peak, 1))) : 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 10000) {
      setMessage("Enter a whole number from 1 to 10,000.");
      return;
    }
    const processedBefore = dashboard?.scheduler.processedTotal ?? 0;
    try {
      const result = await generate({ variables: { count: n } });
      const created = result.data?.generateRandomOrders ?? 0;
      setRun({ count: created, peak: Math.max(created, backlog), sawBacklog: false, processedBefore });
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  if (error && !dashboard) {
    return (
      <main className="container py-4">
        <h1 className="h3 mb-3">Dashboard</h1>
        <div className="alert alert-danger" role="alert">
          Could not load the dashboard: {errorMessage(error)}
        </div>
      </main>
    );
  }
  if (loading || !dashboard) {
    return (
      <main className="container py-4">
        <h1 className="h3 mb-3">Dashboard</h1>
        <p className="text-body-secondary" role="status">
          Loading the dashboard…
        </p>
      </main>
    );
  }
  const { scheduler } = dashboard;

  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Dashboard</h1>
      <HeadlineFigures dashboard={dashboard} />
      <div className="row g-3 mb-3">
        <div className="col-lg-4">
          <div className="card h-100">
            <div className="card-body">
              <h2 className="h6">Orders by status</h2>
              <div data-testid="chart-status">
                <StatusDoughnut counts={dashboard.ordersByStatus} />
              </div>
            </div>
          </div>
        </div>
        <div className="col-lg-8">
          <div className="card h-100">
            <div className="card-body">
              <h2 className="h6">Throughput (per minute, last hour)</h2>
              <div data-testid="chart-throughput">
                <ThroughputLine points={dashboard.throughput} />
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="row g-3">
        <div className="col-lg-6">
          <div className="card h-100">
            <div className="card-body">
              <h2 className="h6">Scheduler</h2>
              <dl className="row mb-0" data-testid="scheduler">
                <dt className="col-7">Queued</dt>
                <dd className="col-5" data-testid="scheduler-queued">
                  {scheduler.queued}
                </dd>
                <dt className="col-7">In flight / concurrency</dt>
                <dd className="col-5" data-testid="scheduler-in-flight">
                  {scheduler.inFlight} / {scheduler.concurrency}
                </dd>
                <dt className="col-7">Processed (approved / rejected)</dt>
                <dd className="col-5">
                  {scheduler.processedTotal} ({scheduler.approvedTotal} / {scheduler.rejectedTotal})
                </dd>
                <dt className="col-7">Mean wait, premium</dt>
                <dd className="col-5">{formatWait(scheduler.meanWaitMsPremium)}</dd>
                <dt className="col-7">Mean wait, standard</dt>
                <dd className="col-5">{formatWait(scheduler.meanWaitMsStandard)}</dd>
              </dl>
            </div>
          </div>
        </div>
        <div className="col-lg-6">
          <div className="card h-100">
            <div className="card-body">
              <h2 className="h6">Load test</h2>
              <form className="d-flex align-items-end gap-2 mb-3" onSubmit={(event) => void submit(event)} noValidate>
                <div>
                  <label htmlFor="generate-count" className="form-label">
                    Number of random orders
                  </label>
                  <input
                    id="generate-count"
                    type="number"
                    min={1}
                    max={10000}
                    className="form-control"
                    value={count}
                    onChange={(e) => setCount(e.target.value)}
                  />
                </div>
                <button type="submit" className="btn btn-primary" disabled={generating || (run !== null && !done)}>
                  {generating ? "Generating…" : `Generate ${count || "N"} random orders`}
                </button>
              </form>
              {message && (
                <div className="alert alert-danger" role="alert">
                  {message}
                </div>
              )}
              {run && (
                <div>
                  <div
                    className="progress"
                    role="progressbar"
                    aria-label="Backlog processed"
                    aria-valuenow={percent}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    data-testid="generate-progress"
                    data-done={done ? "true" : "false"}
                  >
                    <div
                      className={`progress-bar${done ? " bg-success" : " progress-bar-striped progress-bar-animated"}`}
                      style={{ width: `${percent}%` }}
                    >
                      {percent}%
                    </div>
                  </div>
                  <p className="small mt-2 mb-0" aria-live="polite" data-testid="generate-status">
                    {done
                      ? `Done: ${run.count} random orders generated and the backlog is empty.`
                      : `${run.count} random orders generated; ${backlog} waiting or in flight.`}
                  </p>
                </div>
              )}
            </div>
          </div>
        </div>
      </div>
    </main>
  );
}
