import { useMutation } from "@apollo/client/react";
import { useEffect, useState, type FormEvent } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { Alert } from "../common/alert";
import { LoadTestProgress } from "./load-test-progress";

export const LoadTestFragment = graphql(`
  fragment LoadTest_Dashboard on Dashboard {
    scheduler {
      queued
      inFlight
      processedTotal
    }
  }
`);

const GenerateRandomOrdersMutation = graphql(`
  mutation GenerateRandomOrders($count: Int!) {
    generateRandomOrders(count: $count)
  }
`);

interface Run {
  readonly count: number;
  /** The largest backlog seen since the run started: the progress bar's 100 %. */
  readonly peak: number;
  readonly sawBacklog: boolean;
  /** processedTotal when the run started: a run too quick to show a backlog still ends. */
  readonly processedBefore: number;
}

interface LoadTestProps {
  readonly dashboard: FragmentType<typeof LoadTestFragment>;
  /** Told when a run starts draining (true) and when its backlog is empty (false): the page polls meanwhile. */
  readonly onDrainingChange: (draining: boolean) => void;
}

/** A load generator for the scheduler: random orders, then the backlog draining, from live figures. */
export function LoadTest({ dashboard, onDrainingChange }: LoadTestProps) {
  const { scheduler } = useFragment(LoadTestFragment, dashboard);
  const [run, setRun] = useState<Run | null>(null);
  const [count, setCount] = useState("100");
  const [message, setMessage] = useState<string | null>(null);
  const [generate, { loading: generating }] = useMutation(GenerateRandomOrdersMutation);

  const backlog = scheduler.queued + scheduler.inFlight;
  // Track the run from the live figures (state adjusted during render, as React recommends).
  if (run && (backlog > run.peak || (backlog > 0 && !run.sawBacklog))) {
    setRun({ ...run, peak: Math.max(run.peak, backlog), sawBacklog: true });
  }
  const done =
    run !== null && backlog === 0 && (run.sawBacklog || scheduler.processedTotal >= run.processedBefore + run.count);
  const draining = run !== null && !done;
  useEffect(() => onDrainingChange(draining), [draining, onDrainingChange]);
  const percent = run ? (done ? 100 : Math.round((100 * (run.peak - backlog)) / Math.max(run.peak, 1))) : 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 10000) {
      setMessage("Enter a whole number from 1 to 10,000.");
      return;
    }
    const processedBefore = scheduler.processedTotal;
    try {
      const result = await generate({ variables: { count: n } });
      const created = result.data?.generateRandomOrders ?? 0;
      setRun({ count: created, peak: Math.max(created, backlog), sawBacklog: false, processedBefore });
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  return (
    <>
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
        <button type="submit" className="btn btn-primary" disabled={generating || draining}>
          {generating ? "Generating…" : `Generate ${count || "N"} random orders`}
        </button>
      </form>
      {message && <Alert kind="danger">{message}</Alert>}
      {run && <LoadTestProgress count={run.count} backlog={backlog} percent={percent} done={done} />}
    </>
  );
}
