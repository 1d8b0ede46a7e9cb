import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { connectDatabase } from "../../src/db/connect";
import { startEmbeddedServer } from "../../src/db/embedded-server";
import type { ReintroducedBug } from "../../src/modules/orders";
import type { RunResult } from "./explore";
import { searchSeeds } from "./search";

const BUGS: readonly ReintroducedBug[] = ["finding-1", "finding-2"];
const USAGE = `npm run explore -- [--seeds N] [--from N] [--seed N] [--budget-sec S] [--bug finding-1|finding-2]
  --seeds N       how many seeds to explore (default 200)
  --from N        the first seed (default 1)
  --seed N        replay one seed and print its whole schedule
  --budget-sec S  stop starting new seeds after S seconds
  --bug NAME      put a known bug of holds version 1 back, to see the explorer find it
Uses MONGODB_URI when set, else starts the embedded database in memory.`;

function parseArgs(argv: readonly string[]) {
  const options = {
    seeds: 200,
    from: 1,
    replay: undefined as number | undefined,
    budgetSec: undefined as number | undefined,
    bugs: new Set<ReintroducedBug>(),
  };
  const number = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`${flag} takes a whole number (got ${String(value)})\n\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--seeds") options.seeds = number(flag, argv[++i]);
    else if (flag === "--from") options.from = number(flag, argv[++i]);
    else if (flag === "--seed") options.replay = number(flag, argv[++i]);
    else if (flag === "--budget-sec") options.budgetSec = number(flag, argv[++i]);
    else if (flag === "--bug") {
      const bug = argv[++i] as ReintroducedBug;
      if (!BUGS.includes(bug)) throw new Error(`--bug takes ${BUGS.join(" or ")}\n\n${USAGE}`);
      options.bugs.add(bug);
    } else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${flag}\n\n${USAGE}`);
  }
  return options;
}

function printFailure(result: RunResult, bugs: ReadonlySet<ReintroducedBug>): void {
  const bugFlags = [...bugs].map((b) => ` --bug ${b}`).join("");
  console.error(
    `\nFAILING SEED ${result.seed} after ${result.steps} steps. Replay: npm run explore -- --seed ${result.seed}${bugFlags}`,
  );
  for (const violation of result.violations.slice(0, 20)) console.error(`  ✗ ${violation}`);
  console.error(`\nThe schedule (last 80 of ${result.trace.length} lines; --seed prints it whole):`);
  for (const line of result.trace.slice(-80)) console.error(`  ${line}`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const embedded = process.env["MONGODB_URI"] === undefined ? await startEmbeddedServer({}) : undefined;
  const uri = process.env["MONGODB_URI"] ?? embedded!.uri;
  const database = await connectDatabase(uri, { dbName: `orderflow_explore_${randomBytes(4).toString("hex")}` });
  const db = database.connection.db!;
  try {
    const search = await searchSeeds(db, {
      from: options.replay ?? options.from,
      seeds: options.replay === undefined ? options.seeds : 1,
      reintroduce: options.bugs,
      ...(options.budgetSec === undefined ? {} : { budgetMs: options.budgetSec * 1000 }),
      onSeed: (result, explored) => {
        if (options.replay !== undefined) for (const line of result.trace) console.error(line);
        else if (explored % 25 === 0)
          console.error(`explored ${explored} seeds (seed ${result.seed}: ${result.steps} steps)`);
      },
    });
    if (search.failure !== null) printFailure(search.failure, options.bugs);
    console.log(
      JSON.stringify({
        explored: search.explored,
        steps: search.steps,
        orders: search.orders,
        faults: search.faults,
        elapsedSec: Math.round(search.elapsedMs / 100) / 10,
        reintroduced: [...options.bugs],
        failingSeed: search.failure?.seed ?? null,
      }),
    );
    process.exitCode = search.failure === null ? 0 : 1;
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await database.close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
