import { WriteBatcher } from "./write-batcher";

describe("WriteBatcher", () => {
  it("writes what arrives in one turn as one group, each caller getting its own result", async () => {
    const groups: number[][] = [];
    const batcher = new WriteBatcher<number, number>((items) => {
      groups.push([...items]);
      return Promise.resolve(items.map((n) => n * 10));
    });
    const results = await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it("keeps one group in flight and sends what arrived meanwhile as the next", async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const batcher = new WriteBatcher<number, boolean>(async (items) => {
      groups.push([...items]);
      if (groups.length === 1) await first;
      return items.map(() => true);
    });
    const a = batcher.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4].map((n) => batcher.add(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[1]]);
    release();
    await Promise.all([a, ...rest]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it("with several groups allowed in flight, sends each turn's items without waiting for the last group", async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const batcher = new WriteBatcher<number, boolean>(
      async (items) => {
        groups.push([...items]);
        if (groups.length === 1) await first;
        return items.map(() => true);
      },
      { maxInFlight: Infinity },
    );
    const a = [1, 2].map((n) => batcher.add(n));
    await new Promise((resolve) => setImmediate(resolve));
    const b = [3, 4].map((n) => batcher.add(n));
    await Promise.all(b); // while the first group is still in flight
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
    release();
    await Promise.all(a);
  });

  it("splits groups at the maximum size", async () => {
    const sizes: number[] = [];
    const batcher = new WriteBatcher<number, number>(
      (items) => {
        sizes.push(items.length);
        return Promise.resolve([...items]);
      },
      { maxSize: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it("fails every caller of a failed group, and goes on with the next", async () => {
    let fail = true;
    const batcher = new WriteBatcher<number, number>((items) => {
      if (fail) return Promise.reject(new Error("database down"));
      return Promise.resolve([...items]);
    });
    const failed = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(batcher.add(3)).resolves.toBe(3);
  });

  it("with a linger, lets the first item wait for others, and sends a full group at once", async () => {
    jest.useFakeTimers({ doNotFake: ["setImmediate"] });
    try {
      const groups: number[][] = [];
      const batcher = new WriteBatcher<number, number>(
        (items) => {
          groups.push([...items]);
          return Promise.resolve([...items]);
        },
        { lingerMs: 20, maxSize: 3 },
      );
      const first = batcher.add(1);
      jest.advanceTimersByTime(10);
      const second = batcher.add(2);
      await new Promise((resolve) => setImmediate(resolve));
      expect(groups).toEqual([]);
      jest.advanceTimersByTime(10); // the first item has waited 20 ms
      await Promise.all([first, second]);
      expect(groups).toEqual([[1, 2]]);

      const full = [3, 4, 5].map((n) => batcher.add(n));
      await Promise.all(full);
      expect(groups).toEqual([
        [1, 2],
        [3, 4, 5],
      ]);
    } finally {
      jest.useRealTimers();
    }
  });
});
