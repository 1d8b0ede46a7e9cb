import type { ExecutionResult } from "graphql";
import { SharedSubscriptions } from "./shared-subscriptions";

/** A source of results pushed by the test, which records whether it was stopped. */
function source() {
  const pending: Array<(result: IteratorResult<ExecutionResult>) => void> = [];
  const queued: ExecutionResult[] = [];
  const state = { returned: false };
  const iterator: AsyncGenerator<ExecutionResult> = {
    next: () =>
      queued.length > 0
        ? Promise.resolve({ value: queued.shift()!, done: false })
        : new Promise((resolve) => pending.push(resolve)),
    return: () => {
      state.returned = true;
      for (const resolve of pending.splice(0)) resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw: (error: unknown) => Promise.reject(error instanceof Error ? error : new Error(String(error))),
    [Symbol.asyncIterator]() {
      return this;
    },
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
  const emit = (n: number) => {
    const result = { data: { n } };
    const resolve = pending.shift();
    if (resolve) resolve({ value: result, done: false });
    else queued.push(result);
  };
  return { iterator, emit, state };
}

const take = async (iterable: unknown, count: number) => {
  const iterator = (iterable as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
  const results: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const next: IteratorResult<ExecutionResult> = await iterator.next();
    results.push(next.done === true ? undefined : next.value.data);
  }
  return { results, iterator };
};

describe("SharedSubscriptions", () => {
  it("starts one execution for every socket with the same key and sends each result to all", async () => {
    const shared = new SharedSubscriptions();
    const { iterator, emit, state } = source();
    let starts = 0;
    const start = () => {
      starts += 1;
      return iterator;
    };
    const [a, b] = await Promise.all([shared.join("k", start), shared.join("k", start)]);
    expect(starts).toBe(1);
    expect(shared.stats()).toEqual({ executions: 1, groups: 1, sockets: 2 });
    emit(1);
    emit(2);
    const [first, second] = await Promise.all([take(a, 2), take(b, 2)]);
    expect(first.results).toEqual([{ n: 1 }, { n: 2 }]);
    expect(second.results).toEqual([{ n: 1 }, { n: 2 }]);

    await first.iterator.return!();
    expect(state.returned).toBe(false);
    expect(shared.stats().sockets).toBe(1);
    await second.iterator.return!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.returned).toBe(true);
    expect(shared.stats()).toEqual({ executions: 1, groups: 0, sockets: 0 });
  });

  it("keeps different keys apart", async () => {
    const shared = new SharedSubscriptions();
    const one = source();
    const two = source();
    const a = await shared.join("one", () => one.iterator);
    const b = await shared.join("two", () => two.iterator);
    one.emit(1);
    two.emit(2);
    expect((await take(a, 1)).results).toEqual([{ n: 1 }]);
    expect((await take(b, 1)).results).toEqual([{ n: 2 }]);
    expect(shared.stats().groups).toBe(2);
  });

  it("lets each socket start its own when the shared start gives an error result", async () => {
    const shared = new SharedSubscriptions();
    const failure: ExecutionResult = { errors: [] };
    const own = source();
    let starts = 0;
    const results = await Promise.all([
      shared.join("k", () => {
        starts += 1;
        return Promise.resolve(failure);
      }),
      shared.join("k", () => {
        starts += 1;
        return own.iterator;
      }),
    ]);
    expect(results[0]).toBe(failure);
    expect(results[1]).toBe(own.iterator); // its own execution, not shared
    expect(starts).toBe(2);
    expect(shared.stats().groups).toBe(0);
  });
});
