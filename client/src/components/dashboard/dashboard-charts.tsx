import { ArcElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Doughnut, Line } from "react-chartjs-2";
import type { OrderStatus } from "../../gql/graphql";

Chart.register(ArcElement, CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend);

/** Chart colours matching the status badges. */
const STATUS_CHART_COLOURS: Record<OrderStatus, string> = {
  PENDING: "#ffc107",
  PROCESSING: "#0d6efd",
  APPROVED: "#198754",
  REJECTED: "#dc3545",
  CANCELLED: "#6c757d",
  SHIPPED: "#0dcaf0",
  DELIVERED: "#212529",
};

/** Orders by status as a doughnut. */
export function StatusDoughnut({ counts }: { counts: ReadonlyArray<{ status: OrderStatus; count: number }> }) {
  return (
    <Doughnut
      aria-label="Orders by status"
      role="img"
      data={{
        labels: counts.map((c) => c.status),
        datasets: [
          {
            data: counts.map((c) => c.count),
            backgroundColor: counts.map((c) => STATUS_CHART_COLOURS[c.status]),
          },
        ],
      }}
      options={{ animation: false, plugins: { legend: { position: "bottom" } } }}
    />
  );
}

const minuteFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

/** Approved and rejected orders per minute. */
export function ThroughputLine({
  points,
}: {
  points: ReadonlyArray<{ minute: string; approved: number; rejected: number }>;
}) {
  return (
    <Line
      aria-label="Approved and rejected orders per minute"
      role="img"
      data={{
        labels: points.map((p) => minuteFormat.format(new Date(p.minute))),
        datasets: [
          {
            label: "Approved",
            data: points.map((p) => p.approved),
            borderColor: "#198754",
            backgroundColor: "#198754",
          },
          {
            label: "Rejected",
            data: points.map((p) => p.rejected),
            borderColor: "#dc3545",
            backgroundColor: "#dc3545",
          },
        ],
      }}
      options={{
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      }}
    />
  );
}
