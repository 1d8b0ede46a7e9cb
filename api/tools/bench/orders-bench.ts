import "./production-mode";
import "reflect-metadata";
import { runBenchmark } from "./harness";
import { readOptions, round, runWarmSeries, type Options, type Report } from "./order-run";

// `npm run bench` at the project root: the order pipeline's benchmark (options: order-run.ts).

// The same deprecation warning on every call would bury the report: show each one once.
const warned = new Set<string>();
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warned.has(warning.message)) return;
  warned.add(warning.message);
  process.stderr.write(`${warning.name}: ${warning.message} (shown once)\n`);
});

runBenchmark(readOptions, main);

/**
 * Warm-up runs, then one measured run; with a history, pairs of runs on an empty database and on
 * one with that history (in turn which first), each pair's flat-cost ratios, and their medians
 * over the pairs (the machine's speed drifts between runs: adjacent runs, alternated, and a
 * median tell history from drift).
 */
function main(options: Options): Promise<boolean> {
  return runWarmSeries(options, async (run) => {
    if (options.history === 0) return (await run(options)).ok;
    const pairs: FlatRatios[] = [];
    let ok = true;
    for (let pair = 1; pair <= options.pairs; pair++) {
      // Empty first in odd pairs, the history first in even ones: a run after another meets a
      // warmer server, and seeding warms it too.
      const first = pair % 2 === 1 ? { ...options, history: 0 } : options;
      const second = pair % 2 === 1 ? options : { ...options, history: 0 };
      const runs = [await run(first), await run(second)];
      const [empty, full] = pair % 2 === 1 ? runs : [runs[1], runs[0]];
      ok = ok && empty.ok && full.ok;
      pairs.push(flatRatios(empty.report.results, full.report.results));
      process.stdout.write(`flat cost with ${options.history} older orders, pair ${pair} (with ÷ without)\n`);
      process.stdout.write(`${JSON.stringify({ flat: { history: options.history, pair, ...pairs.at(-1) } })}\n`);
    }
    const flat = { history: options.history, pairs: pairs.length, ...medianRatios(pairs) };
    process.stdout.write(`flat cost with ${options.history} older orders, median of ${pairs.length} (≥ 0.9 is flat)\n`);
    process.stdout.write(`${JSON.stringify({ flat })}\n`);
    return ok;
  });
}

/** With history ÷ without, so that 1 is flat and lower is worse. */
interface FlatRatios {
  readonly endToEndEfficiency: number | null;
  readonly drainEfficiency: number | null;
  readonly commandsPerOrder: number | null;
  readonly ordersPerSec: number | null;
}

type RunResults = Report["results"];

function flatRatios(empty: RunResults, full: RunResults): FlatRatios {
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b, 3));
  return {
    endToEndEfficiency: ratio(full.efficiency, empty.efficiency),
    drainEfficiency: ratio(full.drainEfficiency, empty.drainEfficiency),
    // Fewer commands with history would be odd: the ratio is empty ÷ full, so flat is 1 and worse is lower.
    commandsPerOrder: ratio(empty.dbCommandsPerOrder, full.dbCommandsPerOrder),
    ordersPerSec: ratio(full.ordersPerSec, empty.ordersPerSec),
  };
}

function medianRatios(pairs: readonly FlatRatios[]): FlatRatios {
  const median = (key: keyof FlatRatios) => {
    const values = pairs
      .map((pair) => pair[key])
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    if (values.length === 0) return null;
    const mid = Math.floor(values.length / 2);
    return values.length % 2 === 1 ? values[mid] : round((values[mid - 1] + values[mid]) / 2, 3);
  };
  return {
    endToEndEfficiency: median("endToEndEfficiency"),
    drainEfficiency: median("drainEfficiency"),
    commandsPerOrder: median("commandsPerOrder"),
    ordersPerSec: median("ordersPerSec"),
  };
}
