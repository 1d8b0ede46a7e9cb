import { ArcElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Doughnut, Line } from "react-chartjs-2";
import type { OrderStatus } from "../../gql/graphql";
import { useChartTheme } from "../../hooks/use-chart-theme";

Chart.register(ArcElement, CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend);

const statusName = (status: OrderStatus) => status.charAt(0) + status.slice(1).toLowerCase();

/**
 * Orders by status as a doughnut, in the theme's colours. Its legend is HTML under the chart: the
 * counts are text a screen reader reads and the theme colours, not pixels on a canvas.
 */
export function StatusDoughnut({ counts }: { counts: ReadonlyArray<{ status: OrderStatus; count: number }> }) {
  const theme = useChartTheme();
  return (
    <>
      <div className="chart-box">
        <Doughnut
          aria-label="Orders by status"
          role="img"
          data={{
            labels: counts.map((c) => statusName(c.status)),
            datasets: [
              {
                data: counts.map((c) => c.count),
                backgroundColor: counts.map((c) => theme.status[c.status]),
                borderColor: theme.background,
              },
            ],
          }}
          options={{ animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } } }}
        />
      </div>
      <ul className="list-inline small mt-2 mb-0" aria-label="Order counts by status" data-testid="chart-status-legend">
        {counts.map((c) => (
          <li className="list-inline-item" key={c.status}>
            <span
              className="chart-swatch"
              style={{ backgroundColor: theme.status[c.status] }}
              aria-hidden="true"
              data-status={c.status}
            />
            {statusName(c.status)} <strong>{c.count}</strong>
          </li>
        ))}
      </ul>
    </>
  );
}

const minuteFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

/** Approved and rejected orders per minute, in the theme's colours. */
export function ThroughputLine({
  points,
}: {
  points: ReadonlyArray<{ minute: string; approved: number; rejected: number }>;
}) {
  const theme = useChartTheme();
  const axis = { ticks: { color: theme.text }, grid: { color: theme.grid }, border: { color: theme.grid } };
  return (
    <div className="chart-box">
      <Line
        aria-label="Approved and rejected orders per minute"
        role="img"
        data={{
          labels: points.map((p) => minuteFormat.format(new Date(p.minute))),
          datasets: [
            {
              label: "Approved",
              data: points.map((p) => p.approved),
              borderColor: theme.approved,
              backgroundColor: theme.approved,
            },
            {
              label: "Rejected",
              data: points.map((p) => p.rejected),
              borderColor: theme.rejected,
              backgroundColor: theme.rejected,
            },
          ],
        }}
        options={{
          animation: false,
          maintainAspectRatio: false,
          scales: {
            x: axis,
            y: { ...axis, beginAtZero: true, ticks: { ...axis.ticks, precision: 0 } },
          },
          plugins: { legend: { position: "bottom", labels: { color: theme.text } } },
        }}
      />
    </div>
  );
}
