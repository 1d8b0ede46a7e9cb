import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Database-wide scheduler figures, read when Prometheus scrapes. */
export type SchedulerFigures = () => Promise<{
  queued: number;
  inFlight: number;
  approvedTotal: number;
  rejectedTotal: number;
}>;

/**
 * The process's Prometheus metrics (`GET /metrics`): requests and their durations by operation,
 * errors by code, open subscriptions, the scheduler's queue, in-flight and outcome totals, and
 * the placed → final latency of orders. One registry per app, so tests can run several.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "orderflow_graphql_requests_total",
    help: "GraphQL operations by operation name, type and transport",
    labelNames: ["operation", "type", "transport"] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: "orderflow_graphql_request_duration_seconds",
    help: "Duration of GraphQL operations over HTTP, by operation name",
    labelNames: ["operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: "orderflow_graphql_errors_total",
    help: "GraphQL errors by code",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({
    name: "orderflow_subscriptions_open",
    help: "Subscriptions open on this instance",
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "orderflow_order_latency_seconds",
    help: "Time from placement to APPROVED or REJECTED, for orders this instance decided",
    labelNames: ["outcome"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor(figures: SchedulerFigures) {
    collectDefaultMetrics({ register: this.registry, prefix: "orderflow_" });
    const gauge = (name: string, help: string, pick: (f: Awaited<ReturnType<SchedulerFigures>>) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set(pick(await figures()));
        },
      });
    gauge("orderflow_scheduler_queue_length", "PENDING orders (all instances)", (f) => f.queued);
    gauge("orderflow_scheduler_in_flight", "PROCESSING orders (all instances)", (f) => f.inFlight);
    gauge(
      "orderflow_orders_processed_total",
      "Orders approved or rejected (all instances)",
      (f) => f.approvedTotal + f.rejectedTotal,
    );
    gauge("orderflow_orders_approved_total", "Orders approved (all instances)", (f) => f.approvedTotal);
    gauge("orderflow_orders_rejected_total", "Orders rejected (all instances)", (f) => f.rejectedTotal);
  }

  /** Records one finished operation: its count, its duration (HTTP) and its errors' codes. */
  operation(record: {
    readonly name: string | null | undefined;
    readonly type: string;
    readonly transport: "http" | "ws";
    readonly seconds?: number;
    readonly errorCodes: readonly string[];
  }): void {
    const operation = record.name ?? "anonymous";
    this.requests.inc({ operation, type: record.type, transport: record.transport });
    if (record.seconds !== undefined) this.durations.observe({ operation }, record.seconds);
    for (const code of record.errorCodes) this.errors.inc({ code });
  }

  subscriptionOpened(): void {
    this.subscriptions.inc();
  }

  subscriptionClosed(): void {
    this.subscriptions.dec();
  }

  orderDecided(outcome: "APPROVED" | "REJECTED", waitMs: number): void {
    this.latency.observe({ outcome }, waitMs / 1000);
  }
}
