import { createAppPubSub, Topic } from "./pubsub";

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
