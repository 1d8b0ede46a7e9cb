import type { mongo } from "mongoose";
import { seededRandom } from "../../../src/lib/seeded-random";
import type { TestApp } from "../../helpers/test-app";
import { ACCOUNT_OPERATIONS } from "./account-operations";
import { CUSTOMER_OPERATIONS } from "./customer-operations";
import { differences, snapshot } from "./data-snapshot";
import { buildCase, MALFORMED_REQUESTS, pickMode, type Case } from "./documents";
import type { Spec } from "./generators";
import { ORDER_OPERATIONS } from "./order-operations";
import { PRODUCT_OPERATIONS } from "./product-operations";
import { pool, send, type Outcome } from "./requests";
import { truncate } from "./text";
import type { World } from "./world";

/** BAD_INPUT_SEED (environment) picks another workload. */
export const SEED = Number(process.env["BAD_INPUT_SEED"] ?? "") || 20_240_607;
/** BAD_INPUT_PER_MUTATION (environment) sets its size: calls per mutation. */
export const PER_MUTATION = Number(process.env["BAD_INPUT_PER_MUTATION"] ?? "") || 100;
/** Calls in flight at once. */
export const PARALLEL = 16;

/** Every mutation of the contract, in the order the workload draws them (the seed's sequence depends on it). */
export const OPERATIONS: Readonly<Record<string, Spec>> = {
  ...ACCOUNT_OPERATIONS,
  ...CUSTOMER_OPERATIONS,
  ...PRODUCT_OPERATIONS,
  ...ORDER_OPERATIONS,
};

/** The name the requests that are not a GraphQL request at all go under. */
export const MALFORMED_OP = "(malformed request)";

/** What was sent, how each call ended, and what the server and the data looked like afterwards. */
export interface Workload {
  readonly cases: readonly Case[];
  readonly outcomes: readonly Outcome[];
  readonly seconds: number;
  /** `__typename` of a query sent after the last call. */
  readonly alive: string | undefined;
  /** One line per document that differs between before and after (log and throttle aside). */
  readonly changedData: readonly string[];
}

/** PER_MUTATION calls per mutation and the malformed requests, shuffled so each meets the others' traffic. */
function buildCases(world: World): Case[] {
  const r = seededRandom(SEED);
  const cases: Case[] = [];
  for (const [op, spec] of Object.entries(OPERATIONS)) {
    for (let i = 0; i < PER_MUTATION; i++) {
      cases.push(buildCase(r, op, spec, spec.generate(r, world), pickMode(r)));
    }
  }
  for (const request of MALFORMED_REQUESTS) {
    cases.push({ op: MALFORMED_OP, caller: "anon", ...request });
  }
  // Shuffle, so that each mutation meets the others' traffic.
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [cases[i], cases[j]] = [cases[j], cases[i]];
  }
  return cases;
}

/** Sends the whole workload, PARALLEL at a time, between two snapshots of the data. */
export async function runWorkload(api: TestApp, world: World, db: mongo.Db): Promise<Workload> {
  const cases = buildCases(world);
  const before = await snapshot(db);
  const started = Date.now();
  const outcomes = new Array<Outcome>(cases.length);
  await pool(cases.length, PARALLEL, async (i) => {
    try {
      outcomes[i] = await send(api, world, cases[i]);
    } catch (error) {
      outcomes[i] = { status: 0, code: "NETWORK", problem: `the request failed: ${String(error)}` };
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const alive = await api.graphql<{ __typename: string }>("{ __typename }");
  const after = await snapshot(db);
  return { cases, outcomes, seconds, alive: alive.data?.__typename, changedData: differences(before, after) };
}

/** The summary: per mutation, how many calls and which codes. */
export function summary({ cases, outcomes, seconds }: Workload): string {
  const byOp = new Map<string, Map<string, number>>();
  cases.forEach((c, i) => {
    const codes = byOp.get(c.op) ?? new Map<string, number>();
    codes.set(outcomes[i].code, (codes.get(outcomes[i].code) ?? 0) + 1);
    byOp.set(c.op, codes);
  });
  const width = Math.max(...[...byOp.keys()].map((k) => k.length));
  const lines = [...byOp.entries()].map(([op, codes]) => {
    const total = [...codes.values()].reduce((a, b) => a + b, 0);
    const detail = [...codes.entries()]
      .sort(([, a], [, b]) => b - a)
      .map(([code, n]) => `${code} ${n}`)
      .join(", ");
    return `  ${op.padEnd(width)}  ${String(total).padStart(4)}  ${detail}`;
  });
  return `bad input: ${cases.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}, ${PARALLEL} in parallel)\n${lines.join("\n")}`;
}

/** The calls sent for `op`. */
export const casesOf = ({ cases }: Workload, op: string): Case[] => cases.filter((c) => c.op === op);

/** Every problem of `op`'s calls, grouped by kind, with one example each. */
export function problemsOf({ cases, outcomes }: Workload, op: string): string[] {
  const problems = new Map<string, { count: number; example: string }>();
  cases.forEach((c, i) => {
    const { problem, code } = outcomes[i];
    if (c.op !== op || problem === undefined) return;
    const key = `${c.op}: ${code}`;
    const entry = problems.get(key) ?? {
      count: 0,
      example: `as ${c.caller}: ${truncate(typeof c.body === "string" ? c.body : JSON.stringify(c.body), 400)} → ${problem}`,
    };
    entry.count += 1;
    problems.set(key, entry);
  });
  return [...problems.entries()].map(([key, { count, example }]) => `${key} ×${count} — e.g. ${example}`);
}
