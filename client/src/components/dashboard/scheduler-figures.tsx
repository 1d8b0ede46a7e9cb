import { graphql, useFragment, type FragmentType } from "../../gql";

export const SchedulerFiguresFragment = graphql(`
  fragment SchedulerFigures_Dashboard on Dashboard {
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

function formatWait(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The scheduler's queue, workers, totals and mean waits per tier. */
export function SchedulerFigures(props: { dashboard: FragmentType<typeof SchedulerFiguresFragment> }) {
  const { scheduler } = useFragment(SchedulerFiguresFragment, props.dashboard);
  return (
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
  );
}
