import { createAppPubSub, MAX_QUEUED_EVENTS, Topic } from "./pubsub";

describe("createAppPubSub", () => {
  it("counts the open subscriptions to a local topic, from the first next() to return()", async () => {
    const pubSub = createAppPubSub();
    expect(pubSub.localSubscribers(Topic.DASHBOARD_UPDATED)).toBe(0);
    const first = pubSub.subscribe(Topic.DASHBOARD_UPDATED)[Symbol.asyncIterator]();
    const second = pubSub.subscribe(Topic.DASHBOARD_UPDATED)[Symbol.asyncIterator]();
    expect(pubSub.localSubscribers(Topic.DASHBOARD_UPDATED)).toBe(2);

    const received = first.next();
    pubSub.publish(Topic.DASHBOARD_UPDATED, { orderCount: 1 });
    expect((await received).value).toEqual({ orderCount: 1 });

    await first.return?.();
    await first.return?.(); // twice counts once
    expect(pubSub.localSubscribers(Topic.DASHBOARD_UPDATED)).toBe(1);
    await second.return?.();
    expect(pubSub.localSubscribers(Topic.DASHBOARD_UPDATED)).toBe(0);
  });

  it("does not count shared topics, which other instances publish to", () => {
    const pubSub = createAppPubSub();
    const events = pubSub.subscribe(Topic.ORDER_UPDATED)[Symbol.asyncIterator]();
    expect(pubSub.localSubscribers(Topic.ORDER_UPDATED)).toBe(0);
    void events.return?.();
  });
});

describe("AppPubSub subscriptions", () => {
  const view = (id: string) => ({ id });

  it("delivers in order what was published after subscribing, queued until taken", async () => {
    const pubSub = createAppPubSub();
    pubSub.publish(Topic.ORDER_UPDATED, view("before"));
    const events = pubSub.subscribe(Topic.ORDER_UPDATED);
    for (const id of ["a", "b", "c"]) pubSub.publish(Topic.ORDER_UPDATED, view(id));
    const taken = [(await events.next()).value, (await events.next()).value];
    const waiting = events.next();
    expect(taken).toEqual([view("a"), view("b")]);
    expect((await waiting).value).toEqual(view("c"));
    const later = events.next();
    pubSub.publish(Topic.ORDER_UPDATED, view("d"));
    expect(await later).toEqual({ done: false, value: view("d") });
    await events.return?.();
  });

  it("queues only what `accept` takes, and other topics never", async () => {
    const pubSub = createAppPubSub();
    const events = pubSub.subscribe(Topic.ORDER_UPDATED, (order) => order.id.startsWith("mine"));
    pubSub.publish(Topic.ORDER_UPDATED, view("theirs-1"));
    pubSub.publish(Topic.PRODUCT_UPDATED, view("mine-product"));
    pubSub.publish(Topic.ORDER_UPDATED, view("mine-1"));
    expect((await events.next()).value).toEqual(view("mine-1"));
    await events.return?.();
  });

  it("ends on return(): a waiting next() resolves done, and nothing more arrives", async () => {
    const pubSub = createAppPubSub();
    const events = pubSub.subscribe(Topic.ORDER_UPDATED);
    const waiting = events.next();
    await events.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    pubSub.publish(Topic.ORDER_UPDATED, view("late"));
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it("ends a subscriber that falls MAX_QUEUED_EVENTS behind with an error, leaving the others", async () => {
    const pubSub = createAppPubSub();
    const slow = pubSub.subscribe(Topic.ORDER_UPDATED);
    const fast = pubSub.subscribe(Topic.ORDER_UPDATED);
    const seen: string[] = [];
    for (let i = 0; i <= MAX_QUEUED_EVENTS; i++) {
      const next = fast.next();
      pubSub.publish(Topic.ORDER_UPDATED, view(String(i)));
      seen.push(((await next).value as { id: string }).id);
    }
    expect(seen).toHaveLength(MAX_QUEUED_EVENTS + 1);
    await expect(slow.next()).rejects.toThrow(/more than 10000 events waited/);
    await fast.return?.();
  });
});
