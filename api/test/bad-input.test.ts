import mongoose from "mongoose";
import { ADMIN_ENV } from "./helpers/accounts";
import { startTestApp, type TestApp } from "./helpers/test-app";
import { MALFORMED_REQUESTS } from "./support/bad-input/documents";
import { buildWorld, type World } from "./support/bad-input/world";
import {
  casesOf,
  MALFORMED_OP,
  OPERATIONS,
  PER_MUTATION,
  problemsOf,
  runWorkload,
  summary,
  type Workload,
} from "./support/bad-input/workload";

/*
 * Fuzzes every mutation of the contract with inputs that must be refused: wrong JSON types, huge
 * and odd strings, malformed and unknown ids, out-of-range and overflowing numbers, operator
 * objects, deep nesting, malformed documents, bad credentials. Every response must be a GraphQL
 * error with a client-side code (never INTERNAL_SERVER_ERROR, never a 5xx), and the data must be
 * the same afterwards as before.
 *
 * The calls of all mutations go out shuffled together, once, before the checks; each `it` then
 * judges one mutation's calls. BAD_INPUT_SEED (environment) picks another workload;
 * BAD_INPUT_PER_MUTATION its size.
 */

describe("bad input to every mutation", () => {
  let api: TestApp;
  let world: World;
  let workload: Workload;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    world = await buildWorld(api);
  }, 120_000);

  beforeAll(async () => {
    workload = await runWorkload(api, world, mongoose.connection.db!);
    console.log(summary(workload));
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  // All of a mutation's problems in one assertion, so that a failure shows every one of them.
  it.each(Object.keys(OPERATIONS))(`refuses ${PER_MUTATION} malformed calls to %s with client error codes`, (op) => {
    expect(casesOf(workload, op)).toHaveLength(PER_MUTATION);
    expect(problemsOf(workload, op)).toEqual([]);
  });

  it(`refuses the ${MALFORMED_REQUESTS.length} requests that are not GraphQL requests with client error codes`, () => {
    expect(casesOf(workload, MALFORMED_OP)).toHaveLength(MALFORMED_REQUESTS.length);
    expect(problemsOf(workload, MALFORMED_OP)).toEqual([]);
  });

  it("sends ≥ 2,000 malformed calls in all, still answers afterwards, and changes no data", () => {
    expect(workload.cases.length).toBeGreaterThanOrEqual(2000);
    expect(workload.alive).toBe("Query");
    expect(workload.changedData).toEqual([]);
  });
});
