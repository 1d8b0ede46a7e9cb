import type { mongo } from "mongoose";
import type { ReintroducedBug } from "../../src/modules/orders";
import { exploreSeed, type FaultKind, type RunOptions, type RunResult } from "./explore";

export interface SearchOptions extends Omit<RunOptions, "seed"> {
  /** The first seed. @default 1 */
  readonly from?: number;
  /** How many seeds at most. */
  readonly seeds: number;
  /** Stop starting new seeds after this many milliseconds. @default no limit */
  readonly budgetMs?: number;
  readonly reintroduce?: ReadonlySet<ReintroducedBug>;
  /** Told after every seed. */
  readonly onSeed?: (result: RunResult, explored: number) => void;
}

/** What a search found: the first failing seed, if any, and what was explored until then. */
export interface SearchResult {
  readonly explored: number;
  readonly steps: number;
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly orders: number;
  readonly elapsedMs: number;
  readonly failure: RunResult | null;
}

/** Runs seed after seed until one fails, the seeds run out, or the time budget is spent. */
export async function searchSeeds(db: mongo.Db, options: SearchOptions): Promise<SearchResult> {
  const started = Date.now();
  const faults: Record<FaultKind, number> = { pause: 0, crash: 0, expiry: 0, retry: 0 };
  let explored = 0;
  let steps = 0;
  let orders = 0;
  const first = options.from ?? 1;
  for (let seed = first; seed < first + options.seeds; seed++) {
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) break;
    const result = await exploreSeed(db, { ...options, seed });
    explored += 1;
    steps += result.steps;
    orders += result.orders;
    for (const kind of Object.keys(faults) as FaultKind[]) faults[kind] += result.faults[kind];
    options.onSeed?.(result, explored);
    if (!result.ok) return { explored, steps, faults, orders, elapsedMs: Date.now() - started, failure: result };
  }
  return { explored, steps, faults, orders, elapsedMs: Date.now() - started, failure: null };
}
