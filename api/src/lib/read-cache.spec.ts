import { ReadCache } from "./read-cache";

describe("ReadCache", () => {
  let now = 0;
  const cache = () => new ReadCache<string>(() => now, 1000);

  beforeEach(() => {
    now = 0;
  });

  it("keeps what a read found until the time runs out", () => {
    const kept = cache();
    kept.beginRead()("a", "first");
    now = 1000 - 1;
    expect(kept.get("a")).toBe("first");
    now = 1000;
    expect(kept.get("a")).toBeUndefined();
  });

  it("forgets a changed key, or the values a change picks, at once", () => {
    const kept = cache();
    const keep = kept.beginRead();
    keep("a", "x");
    keep("b", "y");
    keep("c", "x");
    kept.forget("b");
    expect(kept.get("b")).toBeUndefined();
    kept.forgetWhere((value) => value === "x");
    expect([kept.get("a"), kept.get("c")]).toEqual([undefined, undefined]);
  });

  it("does not keep a read that a change overtook, whatever key the change was about", () => {
    const kept = cache();
    const keep = kept.beginRead();
    kept.forget("other");
    keep("a", "seen before the change");
    expect(kept.get("a")).toBeUndefined();
    kept.beginRead()("a", "read after it");
    expect(kept.get("a")).toBe("read after it");
  });
});
