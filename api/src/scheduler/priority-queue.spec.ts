import { livePriority, priorityKey, PriorityQueue, type QueueEntry } from "./priority-queue";
import { seededRandom } from "../lib/seeded-random";

const PREMIUM = 15;
const STANDARD = 10;
const AGING = 0.5;
/** A fixed epoch so every run sees the same numbers. */
const T0 = Date.UTC(2030, 0, 1);

function entry(id: string, base: number, createdAt: number): QueueEntry {
  return { id, key: priorityKey(base, AGING, createdAt), createdAt };
}

/** The order the design promises at `now`: highest live priority, then older, then smaller id. */
function byLivePriority(entries: readonly QueueEntry[], now: number): string[] {
  return [...entries]
    .sort(
      (a, b) =>
        livePriority(b.key, AGING, now) - livePriority(a.key, AGING, now) ||
        a.createdAt - b.createdAt ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((e) => e.id);
}

function drain(queue: PriorityQueue): string[] {
  const ids: string[] = [];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) ids.push(next.id);
  return ids;
}

describe("PriorityQueue", () => {
  describe("pop()", () => {
    it("serves random arrivals in the order of their live priority at any moment", () => {
      const rounds = 200;
      const perRound = 100;
      for (let round = 0; round < rounds; round++) {
        const random = seededRandom(round + 1);
        const queue = new PriorityQueue();
        const entries: QueueEntry[] = [];
        for (let i = 0; i < perRound; i++) {
          // Half the rounds on a coarse 250 ms grid over 60 s, so exact ties (same tier and time, or
          // a STANDARD order exactly 10 s older than a PREMIUM one) come up often; half spread out.
          const createdAt =
            round % 2 === 0
              ? T0 + Math.floor(random() * 240) * 250
              : T0 + Math.floor(random() * 3_600_000 * (1 + (round % 5)));
          const base = random() < 0.4 ? PREMIUM : STANDARD;
          const e = entry(`r${round}-${String(i).padStart(3, "0")}`, base, createdAt);
          entries.push(e);
          expect(queue.push(e)).toBe(true);
        }
        const popped = drain(queue);
        const last = Math.max(...entries.map((e) => e.createdAt));
        for (const now of [last, last + 1, last + 10_000, last + 3_600_000, last + 30 * 86_400_000]) {
          expect({ round, now, order: popped }).toEqual({ round, now, order: byLivePriority(entries, now) });
        }
      }
    });

    it("serves equal priorities oldest first", () => {
      const queue = new PriorityQueue();
      // Same live priority at any moment: the STANDARD order waited exactly the 10 s that PREMIUM is worth.
      const premium = entry("premium", PREMIUM, T0 + 10_000);
      const standard = entry("standard", STANDARD, T0);
      expect(livePriority(premium.key, AGING, T0 + 20_000)).toBe(livePriority(standard.key, AGING, T0 + 20_000));
      queue.push(premium);
      queue.push(standard);
      expect(drain(queue)).toEqual(["standard", "premium"]);
    });

    it("serves orders of the same tier in arrival order", () => {
      const queue = new PriorityQueue();
      const times = [5, 3, 9, 1, 7, 2, 8, 0, 6, 4];
      for (const t of times) queue.push(entry(`s${t}`, STANDARD, T0 + t * 1000));
      expect(drain(queue)).toEqual(times.sort((a, b) => a - b).map((t) => `s${t}`));
    });

    it("lets a STANDARD order outrank a fresh PREMIUM one once it has waited more than 10 s", () => {
      const queue = new PriorityQueue();
      const waitToCatchUp = ((PREMIUM - STANDARD) / AGING) * 1000;
      expect(waitToCatchUp).toBe(10_000);
      queue.push(entry("premium", PREMIUM, T0 + waitToCatchUp + 1));
      queue.push(entry("standard", STANDARD, T0));
      expect(queue.pop()?.id).toBe("standard");
    });

    it("keeps a fresh PREMIUM order ahead of a STANDARD one that waited less than 10 s", () => {
      const queue = new PriorityQueue();
      queue.push(entry("standard", STANDARD, T0));
      queue.push(entry("premium", PREMIUM, T0 + 9_999));
      expect(queue.pop()?.id).toBe("premium");
    });

    it("serves PREMIUM before STANDARD when both arrive together", () => {
      const queue = new PriorityQueue();
      queue.push(entry("standard", STANDARD, T0));
      queue.push(entry("premium", PREMIUM, T0));
      expect(drain(queue)).toEqual(["premium", "standard"]);
    });

    it("returns undefined when the queue is empty", () => {
      const queue = new PriorityQueue();
      expect(queue.pop()).toBeUndefined();
      queue.push(entry("a", STANDARD, T0));
      queue.pop();
      expect(queue.pop()).toBeUndefined();
      expect(queue.size).toBe(0);
    });
  });

  describe("push()", () => {
    it("refuses an id that is already queued and keeps the first entry", () => {
      const queue = new PriorityQueue();
      const first = entry("a", STANDARD, T0);
      expect(queue.push(first)).toBe(true);
      expect(queue.push(entry("a", PREMIUM, T0 + 5))).toBe(false);
      expect(queue.size).toBe(1);
      expect(queue.pop()).toBe(first);
      expect(queue.pop()).toBeUndefined();
    });

    it("accepts an id again once it has been popped", () => {
      const queue = new PriorityQueue();
      queue.push(entry("a", STANDARD, T0));
      queue.pop();
      expect(queue.push(entry("a", STANDARD, T0))).toBe(true);
      expect(queue.size).toBe(1);
    });
  });

  describe("size", () => {
    it("counts the entries queued", () => {
      const queue = new PriorityQueue();
      expect(queue.size).toBe(0);
      queue.push(entry("a", STANDARD, T0));
      queue.push(entry("b", PREMIUM, T0));
      queue.push(entry("b", PREMIUM, T0));
      expect(queue.size).toBe(2);
      queue.pop();
      expect(queue.size).toBe(1);
    });
  });

  describe("has()", () => {
    it("knows the ids queued, and forgets them once popped", () => {
      const queue = new PriorityQueue();
      queue.push(entry("a", STANDARD, T0));
      queue.push(entry("b", PREMIUM, T0));
      expect(queue.has("a")).toBe(true);
      expect(queue.has("c")).toBe(false);
      expect(queue.pop()?.id).toBe("b");
      expect(queue.has("b")).toBe(false);
      expect(queue.has("a")).toBe(true);
    });
  });

  describe("peek()", () => {
    it("shows the next entry without removing it", () => {
      const queue = new PriorityQueue();
      expect(queue.peek()).toBeUndefined();
      queue.push(entry("a", STANDARD, T0));
      queue.push(entry("b", PREMIUM, T0));
      expect(queue.peek()?.id).toBe("b");
      expect(queue.size).toBe(2);
      expect(queue.pop()?.id).toBe("b");
      expect(queue.peek()?.id).toBe("a");
    });
  });
});

describe("livePriority()", () => {
  it("is the base plus the aging rate times the seconds waited", () => {
    const key = priorityKey(STANDARD, AGING, T0);
    expect(livePriority(key, AGING, T0)).toBeCloseTo(10, 6);
    expect(livePriority(key, AGING, T0 + 4_000)).toBeCloseTo(12, 6);
    expect(livePriority(priorityKey(PREMIUM, AGING, T0), AGING, T0 + 60_000)).toBeCloseTo(45, 6);
  });
});
