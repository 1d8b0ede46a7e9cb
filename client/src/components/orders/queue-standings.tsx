import { useSubscription } from "@apollo/client/react";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { graphql } from "../../gql";
import { ordinal } from "../../lib/format";

const QueueUpdatedSubscription = graphql(`
  subscription QueueUpdated {
    queueUpdated {
      orderId
      queuePosition
      estimatedDecisionAt
    }
  }
`);

interface Standing {
  readonly queuePosition: number;
  readonly estimatedDecisionAt: string | null;
}

const Standings = createContext<ReadonlyMap<string, Standing>>(new Map());

/**
 * Where the viewer's waiting orders stand, live: one `queueUpdated` subscription (the API sends it
 * at most once a second) for every row and card below. Customers only: an admin has no orders.
 */
export function QueueStandingsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [standings, setStandings] = useState<ReadonlyMap<string, Standing>>(new Map());
  useSubscription(QueueUpdatedSubscription, {
    skip: !enabled,
    onData: ({ data }) => {
      const list = data.data?.queueUpdated;
      if (list) setStandings(new Map(list.map((s) => [s.orderId, s])));
    },
  });
  return <Standings.Provider value={standings}>{children}</Standings.Provider>;
}

/** "3rd in the queue · about 12 s": for a waiting order of the viewer, nothing otherwise. */
export function QueueStanding({ orderId }: { orderId: string }) {
  const standing = useContext(Standings).get(orderId);
  const now = useNow(standing !== undefined);
  if (standing === undefined) return null;
  const seconds =
    standing.estimatedDecisionAt === null
      ? null
      : Math.max(0, Math.round((Date.parse(standing.estimatedDecisionAt) - now) / 1000));
  return (
    <div className="small text-body-secondary" data-testid="queue-standing">
      {ordinal(standing.queuePosition)} in the queue
      {seconds !== null && <> · decided in about {seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`}</>}
    </div>
  );
}

/** The time now, ticking every second while `running`. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
