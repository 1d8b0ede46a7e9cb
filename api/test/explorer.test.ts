import type { mongo } from "mongoose";
import { exploreSeed } from "../tools/explorer/explore";
import { searchSeeds } from "../tools/explorer/search";
import { useModelDatabase } from "./helpers/database";

/** The explorer's fixed budget in `npm test`; `npm run explore -- --seeds 20000` searches longer. */
const CLEAN_SEEDS = 100;
const CLEAN_BUDGET_MS = 55_000;

describe("the fault-injection explorer (npm run explore)", () => {
  const database = useModelDatabase("explore");
  let db: mongo.Db;

  beforeAll(() => {
    db = database().connection.db!;
  });

  it("finds no violation of the invariants within its budget, with every kind of fault injected", async () => {
    const search = await searchSeeds(db, { seeds: CLEAN_SEEDS, budgetMs: CLEAN_BUDGET_MS });
    console.log(`explorer: ${JSON.stringify({ ...search, failure: search.failure?.seed ?? null })}`);
    expect(search.failure?.violations ?? []).toEqual([]);
    expect(search.explored).toBeGreaterThanOrEqual(20);
    for (const count of Object.values(search.faults)) expect(count).toBeGreaterThan(0);
  }, 120_000);

  it("finds finding 1 (a paused worker restores another claim's committed hold) when it is put back", async () => {
    // Seeds are deterministic: with today's interleaving points seed 179 is the first to find it
    // (`npm run explore -- --bug finding-1` searches from seed 1). The search starts at 150 to
    // spare CI two and a half minutes, and still explores thirty seeds that do not find it first.
    const search = await searchSeeds(db, { from: 150, seeds: 150, reintroduce: new Set(["finding-1"]) });
    expect(search.failure).not.toBeNull();
    console.log(
      `explorer, finding 1 back: seed ${search.failure?.seed} after ${search.explored} seeds: ${search.failure?.violations[0]}`,
    );
  }, 240_000);

  it("finds finding 2 (rejected for stock that was coming back) when it is put back", async () => {
    const search = await searchSeeds(db, { seeds: 120, reintroduce: new Set(["finding-2"]) });
    expect(search.failure?.violations.join("\n")).toMatch(/rejected for (stock|budget).*coming back/);
    console.log(`explorer, finding 2 back: seed ${search.failure?.seed} after ${search.explored} seeds`);
  }, 120_000);

  it("replays a seed exactly: the same schedule and the same verdict", async () => {
    const first = await exploreSeed(db, { seed: 31, reintroduce: new Set(["finding-1"]) });
    const again = await exploreSeed(db, { seed: 31, reintroduce: new Set(["finding-1"]) });
    expect(again.trace).toEqual(first.trace);
    expect(again.ok).toBe(first.ok);
  }, 60_000);
});
