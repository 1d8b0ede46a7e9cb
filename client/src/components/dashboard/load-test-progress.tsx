interface LoadTestProgressProps {
  /** Orders the run generated. */
  readonly count: number;
  /** Orders still waiting or in flight. */
  readonly backlog: number;
  readonly percent: number;
  readonly done: boolean;
}

/** How far the scheduler has drained a load test's backlog: a bar and a sentence. */
export function LoadTestProgress({ count, backlog, percent, done }: LoadTestProgressProps) {
  return (
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
          ? `Done: ${count} random orders generated and the backlog is empty.`
          : `${count} random orders generated; ${backlog} waiting or in flight.`}
      </p>
    </div>
  );
}
