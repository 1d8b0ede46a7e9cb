import pino from "pino";
import type { QueueEntry } from "./priority-queue";
import { makeScheduler, type Scheduler, type SchedulerOptions, type WorkOutcome } from "./scheduler";

const logger = pino({ level: "silent" });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise to settle from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Waits until `condition` holds (checked every millisecond), failing after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await sleep(1);
  }
}

function entry(id: string, key: number, createdAt = 0): QueueEntry {
  return { id, key, createdAt };
}

describe("Scheduler", () => {
  let scheduler: Scheduler | undefined;

  /** A scheduler whose poll finds nothing unless told otherwise; stopped after each test. */
  const make = (options: Partial<SchedulerOptions> & Pick<SchedulerOptions, "work">): Scheduler => {
    scheduler = makeScheduler({ concurrency: 1, poll: () => Promise.resolve([]), logger, ...options });
    return scheduler;
  };

  /**
   * A one-permit scheduler whose work records each entry it takes, finishes at once, except for the
   * entry "blocker", which holds the permit until `gate` resolves.
   */
  const withBlocker = (options: Partial<SchedulerOptions> = {}) => {
    const gate = deferred<WorkOutcome>();
    const taken: string[] = [];
    const s = make({
      concurrency: 1,
      ...options,
      work: (e) => {
        taken.push(e.id);
        return e.id === "blocker" ? gate.promise : Promise.resolve("done");
      },
    });
    return { s, gate, taken };
  };

  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });

  describe("enqueue()", () => {
    it("works through entries in priority order when one permit is free", async () => {
      const { s, gate, taken: order } = withBlocker();
      s.enqueue(entry("blocker", 100));
      // Queued while the only permit is busy: served best first, then older first on equal keys.
      s.enqueue(entry("low", 1));
      s.enqueue(entry("tie-newer", 5, 20));
      s.enqueue(entry("high", 9));
      s.enqueue(entry("tie-older", 5, 10));
      s.enqueue(entry("mid", 3));
      expect(s.stats()).toEqual({ queued: 5, inFlight: 1, concurrency: 1 });
      gate.resolve("done");
      await until(() => order.length === 6);
      expect(order).toEqual(["blocker", "high", "tie-older", "tie-newer", "mid", "low"]);
    });

    it("never has more than `concurrency` entries in flight", async () => {
      let current = 0;
      let max = 0;
      let done = 0;
      const s = make({
        concurrency: 3,
        work: async (e) => {
          current += 1;
          max = Math.max(max, current);
          expect(s.stats().inFlight).toBeLessThanOrEqual(3);
          await sleep(Number(e.id) % 4);
          current -= 1;
          done += 1;
          return "done";
        },
      });
      for (let i = 0; i < 60; i++) {
        s.enqueue(entry(String(i), i % 7));
        if (i % 10 === 0) await sleep(1);
      }
      await until(() => done === 60);
      expect(max).toBe(3);
      expect(s.stats()).toEqual({ queued: 0, inFlight: 0, concurrency: 3 });
    });

    it("ignores an entry that is already being worked on", async () => {
      const gate = deferred<WorkOutcome>();
      const calls: string[] = [];
      const s = make({
        concurrency: 2,
        work: (e) => {
          calls.push(e.id);
          return gate.promise;
        },
      });
      s.enqueue(entry("a", 1));
      s.enqueue(entry("a", 1));
      expect(s.stats()).toEqual({ queued: 0, inFlight: 1, concurrency: 2 });
      gate.resolve("done");
      await until(() => s.stats().inFlight === 0);
      await sleep(5);
      expect(calls).toEqual(["a"]);
    });

    it("queues an entry only once while it waits", async () => {
      const { s, gate, taken: calls } = withBlocker();
      s.enqueue(entry("blocker", 9));
      s.enqueue(entry("b", 1));
      s.enqueue(entry("b", 1));
      expect(s.stats().queued).toBe(1);
      gate.resolve("done");
      await until(() => s.stats().inFlight === 0 && s.stats().queued === 0);
      await sleep(5);
      expect(calls).toEqual(["blocker", "b"]);
    });

    it("queues an entry again after retryDelayMs when its work asks to retry", async () => {
      const calls: Array<{ id: string; at: number }> = [];
      let finishedFirst = 0;
      const s = make({
        concurrency: 1,
        retryDelayMs: 40,
        work: (e) => {
          calls.push({ id: e.id, at: Date.now() });
          if (calls.length === 1) {
            finishedFirst = Date.now();
            return Promise.resolve("retry");
          }
          return Promise.resolve("done");
        },
      });
      s.enqueue(entry("a", 1));
      await sleep(15);
      expect(calls).toHaveLength(1); // not before the delay
      await until(() => calls.length === 2);
      expect(calls[1].id).toBe("a");
      expect(calls[1].at - finishedFirst).toBeGreaterThanOrEqual(38);
      await sleep(60);
      expect(calls).toHaveLength(2); // "done" is final
    });

    it("serves other entries while a retried one waits out its delay", async () => {
      const calls: string[] = [];
      const s = make({
        concurrency: 1,
        retryDelayMs: 30,
        work: (e) => {
          calls.push(e.id);
          return Promise.resolve(e.id === "a" && calls.length === 1 ? "retry" : "done");
        },
      });
      s.enqueue(entry("a", 9));
      s.enqueue(entry("b", 1));
      await until(() => calls.length === 3);
      expect(calls).toEqual(["a", "b", "a"]);
    });

    it("tries an entry again when its work throws", async () => {
      let calls = 0;
      const s = make({
        concurrency: 1,
        retryDelayMs: 5,
        work: () => {
          calls += 1;
          return calls === 1 ? Promise.reject(new Error("database hiccup")) : Promise.resolve("done");
        },
      });
      s.enqueue(entry("a", 1));
      await until(() => calls === 2);
      await until(() => s.stats().inFlight === 0);
      expect(s.stats().queued).toBe(0);
    });
  });

  describe("start()", () => {
    it("learns entries from poll and works them in priority order", async () => {
      const order: string[] = [];
      const s = make({
        concurrency: 1,
        pollIntervalMs: 10_000,
        // The store answers best first.
        poll: () => Promise.resolve([entry("a", 3), entry("b", 2), entry("c", 1)]),
        work: (e) => {
          order.push(e.id);
          return Promise.resolve("done");
        },
      });
      s.start();
      await until(() => order.length === 3);
      expect(order).toEqual(["a", "b", "c"]);
    });

    it("merges polled entries into the queue by priority", async () => {
      let polled = false;
      const {
        s,
        gate,
        taken: order,
      } = withBlocker({
        pollIntervalMs: 10_000,
        poll: () => {
          polled = true;
          return Promise.resolve([entry("p3", 3), entry("p1", 1)]);
        },
      });
      s.enqueue(entry("blocker", 9));
      s.enqueue(entry("q2", 2));
      s.start();
      await until(() => polled && s.stats().queued === 3);
      gate.resolve("done");
      await until(() => order.length === 4);
      expect(order).toEqual(["blocker", "p3", "q2", "p1"]);
    });

    it("polls again every pollIntervalMs and picks up entries placed elsewhere", async () => {
      let polls = 0;
      const worked: string[] = [];
      const s = make({
        concurrency: 2,
        pollIntervalMs: 10,
        poll: () => {
          polls += 1;
          return Promise.resolve(polls === 3 ? [entry("late", 1)] : []);
        },
        work: (e) => {
          worked.push(e.id);
          return Promise.resolve("done");
        },
      });
      s.start();
      await until(() => worked.length === 1);
      expect(worked).toEqual(["late"]);
      expect(polls).toBeGreaterThanOrEqual(3);
    });

    it("keeps polling after a failed poll", async () => {
      let polls = 0;
      const worked: string[] = [];
      const s = make({
        pollIntervalMs: 5,
        poll: () => {
          polls += 1;
          return polls === 1 ? Promise.reject(new Error("database away")) : Promise.resolve([entry("x", 1)]);
        },
        work: (e) => {
          worked.push(e.id);
          return Promise.resolve("done");
        },
      });
      s.start();
      await until(() => worked.length >= 1);
      expect(worked[0]).toBe("x");
    });
  });

  describe("stop()", () => {
    it("resolves only once the work in flight has finished", async () => {
      const gate = deferred<WorkOutcome>();
      const s = make({ concurrency: 2, work: () => gate.promise });
      s.enqueue(entry("a", 1));
      s.enqueue(entry("b", 1));
      let stopped = false;
      const stopping = s.stop().then(() => {
        stopped = true;
      });
      await sleep(10);
      expect(stopped).toBe(false);
      gate.resolve("done");
      await stopping;
      expect(stopped).toBe(true);
      expect(s.stats().inFlight).toBe(0);
    });

    it("takes no new work: neither queued entries nor later enqueues", async () => {
      const { s, gate, taken: calls } = withBlocker();
      s.enqueue(entry("blocker", 9));
      s.enqueue(entry("queued", 1));
      const stopping = s.stop();
      s.enqueue(entry("late", 5));
      gate.resolve("done");
      await stopping;
      await sleep(10);
      expect(calls).toEqual(["blocker"]);
    });

    it("drops retries that were due after it", async () => {
      let calls = 0;
      const s = make({
        retryDelayMs: 10,
        work: () => {
          calls += 1;
          return Promise.resolve("retry");
        },
      });
      s.enqueue(entry("a", 1));
      await until(() => calls === 1);
      await s.stop();
      await sleep(30);
      expect(calls).toBe(1);
    });

    it("stops polling", async () => {
      let polls = 0;
      const s = make({
        pollIntervalMs: 5,
        poll: () => {
          polls += 1;
          return Promise.resolve([]);
        },
        work: () => Promise.resolve("done"),
      });
      s.start();
      await until(() => polls >= 2);
      await s.stop();
      const seen = polls;
      await sleep(30);
      expect(polls).toBe(seen);
    });
  });
});
