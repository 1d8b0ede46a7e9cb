import { Semaphore } from "./semaphore";
import { seededRandom } from "../lib/seeded-random";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("Semaphore", () => {
  describe("constructor", () => {
    it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %p permits", (permits) => {
      expect(() => new Semaphore(permits)).toThrow(RangeError);
    });

    it("starts with every permit free", () => {
      const semaphore = new Semaphore(3);
      expect(semaphore.permits).toBe(3);
      expect(semaphore.inUse).toBe(0);
    });
  });

  describe("acquire()", () => {
    it.each([1, 3, 8])("never lets more than %p holders in at once under many concurrent tasks", async (permits) => {
      const semaphore = new Semaphore(permits);
      const random = seededRandom(permits);
      let current = 0;
      let max = 0;
      let finished = 0;
      const task = async () => {
        await semaphore.acquire();
        current += 1;
        max = Math.max(max, current);
        expect(semaphore.inUse).toBeLessThanOrEqual(permits);
        try {
          // A mix of same-turn, next-turn and timer waits.
          const pause = random();
          if (pause < 0.3) await Promise.resolve();
          else if (pause < 0.6) await tick();
          else await sleep(Math.floor(random() * 3));
        } finally {
          current -= 1;
          semaphore.release();
          finished += 1;
        }
      };
      await Promise.all(Array.from({ length: 300 }, task));
      expect(finished).toBe(300);
      expect(max).toBe(permits);
      expect(semaphore.inUse).toBe(0);
    });

    it("hands permits to waiters in the order they asked", async () => {
      const semaphore = new Semaphore(1);
      await semaphore.acquire();
      const served: number[] = [];
      const waiters = [0, 1, 2, 3, 4].map((i) => semaphore.acquire().then(() => served.push(i)));
      for (let i = 0; i < 5; i++) {
        await tick();
        expect(served).toEqual([0, 1, 2, 3, 4].slice(0, i));
        semaphore.release();
      }
      await Promise.all(waiters);
      expect(served).toEqual([0, 1, 2, 3, 4]);
      semaphore.release();
      expect(semaphore.inUse).toBe(0);
    });

    it("waits while every permit is held", async () => {
      const semaphore = new Semaphore(2);
      await semaphore.acquire();
      await semaphore.acquire();
      let acquired = false;
      const waiting = semaphore.acquire().then(() => {
        acquired = true;
      });
      await sleep(5);
      expect(acquired).toBe(false);
      semaphore.release();
      await waiting;
      expect(acquired).toBe(true);
      expect(semaphore.inUse).toBe(2);
    });
  });

  describe("tryAcquire()", () => {
    it("takes a free permit and refuses when none is left", () => {
      const semaphore = new Semaphore(2);
      expect(semaphore.tryAcquire()).toBe(true);
      expect(semaphore.tryAcquire()).toBe(true);
      expect(semaphore.tryAcquire()).toBe(false);
      expect(semaphore.inUse).toBe(2);
    });
  });

  describe("release()", () => {
    it("passes the permit straight to the oldest waiter, ahead of a later tryAcquire()", async () => {
      const semaphore = new Semaphore(1);
      await semaphore.acquire();
      const waiting = semaphore.acquire();
      semaphore.release();
      expect(semaphore.tryAcquire()).toBe(false);
      await waiting;
      expect(semaphore.inUse).toBe(1);
    });

    it("throws without a matching acquire()", () => {
      const semaphore = new Semaphore(2);
      expect(() => semaphore.release()).toThrow("release() without a matching acquire()");
      expect(semaphore.tryAcquire()).toBe(true);
      semaphore.release();
      expect(() => semaphore.release()).toThrow("release() without a matching acquire()");
      expect(semaphore.inUse).toBe(0);
    });
  });
});
