import "./production-mode";
import "reflect-metadata";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ORDERFLOW_DIR } from "../paths";
import { renderSvg } from "./chart";
import { progress } from "./harness";
import { readOptions, runWarmSeries } from "./order-run";

/*
 * `npm run bench:scale`: the order benchmark on databases with more and more history (older
 * decided orders and their log entries), to see whether the cost per order stays flat. Writes
 * .orderflow/bench/scale.json and scale.svg (cost per order and efficiency against history,
 * rendered by Vega-Lite) and prints the JSON.
 *
 * Options: the order benchmark's (BENCH_ORDERS, …: see order-run.ts), and
 *   BENCH_SCALE_HISTORY  comma-separated history sizes  (default 0,1000,10000,100000)
 */

const OUT_DIR = join(ORDERFLOW_DIR, "bench");

interface Point {
  readonly history: number;
  readonly commandsPerOrder: number | null;
  readonly efficiency: number | null;
  readonly drainEfficiency: number | null;
  readonly ordersPerSec: number | null;
  readonly invariants: boolean;
}

async function main(): Promise<boolean> {
  const options = readOptions();
  const sizes = (process.env["BENCH_SCALE_HISTORY"] ?? "0,1000,10000,100000").split(",").map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 0))
    throw new Error("BENCH_SCALE_HISTORY takes whole numbers, comma-separated");
  // One database server for every run, warmed by runs that are not kept (BENCH_WARMUP, see
  // runWarmSeries): a cold server's first run would be the only one measured while its JIT compiles.
  const points = await runWarmSeries(options, async (run) => {
    const measured: Point[] = [];
    for (const history of sizes) {
      progress(`--- history ${history} ---`);
      const { report } = await run({ ...options, history });
      const r = report.results;
      measured.push({
        history,
        commandsPerOrder: r.dbCommandsPerOrder,
        efficiency: r.efficiency,
        drainEfficiency: r.drainEfficiency,
        ordersPerSec: r.ordersPerSec,
        invariants: r.invariants,
      });
    }
    return measured;
  });
  const base = points[0];
  const result = {
    orders: options.orders,
    points,
    flat: points.map((p) => ({
      history: p.history,
      commandsPerOrder: ratio(base.commandsPerOrder, p.commandsPerOrder),
      efficiency: ratio(p.efficiency, base.efficiency),
      drainEfficiency: ratio(p.drainEfficiency, base.drainEfficiency),
      ordersPerSec: ratio(p.ordersPerSec, base.ordersPerSec),
    })),
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, "scale.json"), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(OUT_DIR, "scale.svg"), await renderSvg(chartSpec(points)));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  progress(`wrote ${join(OUT_DIR, "scale.json")} and scale.svg`);
  return points.every((p) => p.invariants);
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : Number((a / b).toFixed(3));
}

/** Two panels over history (log scale; 0 drawn at 1): commands per order, and the efficiencies. */
function chartSpec(points: readonly Point[]) {
  const rows = points.flatMap((p) => {
    const x = Math.max(1, p.history);
    return [
      { history: x, panel: "database commands per order", measure: "commands per order", value: p.commandsPerOrder },
      { history: x, panel: "efficiency (× ceiling)", measure: "end to end", value: p.efficiency },
      { history: x, panel: "efficiency (× ceiling)", measure: "while draining", value: p.drainEfficiency },
    ];
  });
  const panel = (title: string) => ({
    title,
    width: 420,
    height: 180,
    transform: [{ filter: { field: "panel", equal: title } }],
    mark: { type: "line" as const, point: true },
    encoding: {
      x: {
        field: "history",
        type: "quantitative" as const,
        scale: { type: "log" as const },
        title: "older orders in the database",
      },
      y: { field: "value", type: "quantitative" as const, title },
      color: { field: "measure", type: "nominal" as const, title: null },
    },
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "OrderFlow: cost per order as history grows (embedded database)",
    data: { values: rows },
    vconcat: [panel("database commands per order"), panel("efficiency (× ceiling)")],
  };
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(
      `scale benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
