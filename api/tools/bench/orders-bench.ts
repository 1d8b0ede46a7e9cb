import "./production-mode";
import "reflect-metadata";
import { runBenchmark } from "./harness";
import { readOptions, round, runWarmSeries, type Options } from "./order-run";

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
 * A warm-up run, then one measured run; with a history, one on an empty database and one on a
 * database with that history, and the flat-cost ratios.
 */
function main(options: Options): Promise<boolean> {
  return runWarmSeries(options, async (run) => {
    if (options.history === 0) return (await run(options)).ok;
    const empty = await run({ ...options, history: 0 });
    const full = await run(options);
    const ratio = (a: number | null, b: number | null) =>
      a === null || b === null || b === 0 ? null : round(a / b, 3);
    const flat = {
      history: options.history,
      endToEndEfficiency: ratio(full.report.results.efficiency, empty.report.results.efficiency),
      drainEfficiency: ratio(full.report.results.drainEfficiency, empty.report.results.drainEfficiency),
      // Fewer commands with history would be odd: the ratio is empty ÷ full, so flat is 1 and worse is lower.
      commandsPerOrder: ratio(empty.report.results.dbCommandsPerOrder, full.report.results.dbCommandsPerOrder),
      ordersPerSec: ratio(full.report.results.ordersPerSec, empty.report.results.ordersPerSec),
    };
    process.stdout.write(`flat cost with ${options.history} older orders (with ÷ without; ≥ 0.9 is flat)\n`);
    process.stdout.write(`${JSON.stringify({ flat })}\n`);
    return empty.ok && full.ok;
  });
}
