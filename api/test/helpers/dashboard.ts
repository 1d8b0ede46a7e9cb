import { recountOverview } from "../../src/modules/orders";

/** The dashboard's order figures (those a recount of the orders gives too). */
export const DASHBOARD = `
  query {
    dashboard {
      orderCount
      revenueCents
      ordersByStatus { status count }
      throughput { minute approved rejected }
      scheduler { queued inFlight processedTotal approvedTotal rejectedTotal meanWaitMsPremium meanWaitMsStandard }
    }
  }
`;

export interface DashboardData {
  dashboard: Record<string, unknown>;
}

/**
 * The dashboard as the API answers it (from its counters) and a recount of the orders through the
 * models' connection, taken within the same minute so that their hour windows match.
 */
export async function dashboardAndRecount(read: () => Promise<Record<string, unknown>>) {
  for (;;) {
    const minute = Math.floor(Date.now() / 60_000);
    const counted = await read();
    const { figures, throughput, ...rest } = await recountOverview(new Date());
    if (Math.floor(Date.now() / 60_000) !== minute) continue;
    return {
      counted,
      recounted: {
        ...rest,
        throughput: throughput.map((p) => ({ ...p, minute: p.minute.toISOString() })),
        scheduler: figures,
      },
    };
  }
}
