import { createAppPubSub, Topic } from "./pubsub";
import { createPubSub, MAX_QUEUED_EVENTS, startWith } from "./typed-pubsub";

/** The events of these specs: two shared topics and a local one. */
type SpecEvents = {
  ORDER_UPDATED: { readonly id: string };
  PRODUCT_UPDATED: { readonly id: string };
  DASHBOARD_UPDATED: { readonly orderCount: number };
};

const specPubSub = () => createPubSub<SpecEvents>({ localTopics: ["DASHBOARD_UPDATED"] });

describe("createPubSub", () => {
  it("counts the open subscriptions to a local topic, from the first next() to return()", async () => {
    const pubSub = specPubSub();
    expect(pubSub.localSubscribers("DASHBOARD_UPDATED")).toBe(0);
    const first = pubSub.subscribe("DASHBOARD_UPDATED")[Symbol.asyncIterator]();
    const second = pubSub.subscribe("DASHBOARD_UPDATED")[Symbol.asyncIterator]();
    expect(pubSub.localSubscribers("DASHBOARD_UPDATED")).toBe(2);

    const received = first.next();
    pubSub.publish("DASHBOARD_UPDATED", { orderCount: 1 });
    expect((await received).value).toEqual({ orderCount: 1 });

    await first.return?.();
    await first.return?.(); // twice counts once
    expect(pubSub.localSubscribers("DASHBOARD_UPDATED")).toBe(1);
    await second.return?.();
    expect(pubSub.localSubscribers("DASHBOARD_UPDATED")).toBe(0);
  });

  it("does not count shared topics, which other instances publish to", () => {
    const pubSub = specPubSub();
    const events = pubSub.subscribe("ORDER_UPDATED")[Symbol.asyncIterator]();
    expect(pubSub.localSubscribers("ORDER_UPDATED")).toBe(0);
    void events.return?.();
  });
});

describe("createAppPubSub", () => {
  it("keeps the dashboard topic local, and the order topic shared", () => {
    const pubSub = createAppPubSub();
    const dashboard = pubSub.subscribe(Topic.DASHBOARD_UPDATED)[Symbol.asyncIterator]();
    const orders = pubSub.subscribe(Topic.ORDER_UPDATED)[Symbol.asyncIterator]();
    expect(pubSub.localSubscribers(Topic.DASHBOARD_UPDATED)).toBe(1);
    expect(pubSub.localSubscribers(Topic.ORDER_UPDATED)).toBe(0);
    void dashboard.return?.();
    void orders.return?.();
  });
});

describe("PubSub subscriptions", () => {
  const view = (id: string) => ({ id });

  it("delivers in order what was published after subscribing, queued until taken", async () => {
    const pubSub = specPubSub();
    pubSub.publish("ORDER_UPDATED", view("before"));
    const events = pubSub.subscribe("ORDER_UPDATED");
    for (const id of ["a", "b", "c"]) pubSub.publish("ORDER_UPDATED", view(id));
    const taken = [(await events.next()).value, (await events.next()).value];
    const waiting = events.next();
    expect(taken).toEqual([view("a"), view("b")]);
    expect((await waiting).value).toEqual(view("c"));
    const later = events.next();
    pubSub.publish("ORDER_UPDATED", view("d"));
    expect(await later).toEqual({ done: false, value: view("d") });
    await events.return?.();
  });

  it("queues only what `accept` takes, and other topics never", async () => {
    const pubSub = specPubSub();
    const events = pubSub.subscribe("ORDER_UPDATED", (order) => order.id.startsWith("mine"));
    pubSub.publish("ORDER_UPDATED", view("theirs-1"));
    pubSub.publish("PRODUCT_UPDATED", view("mine-product"));
    pubSub.publish("ORDER_UPDATED", view("mine-1"));
    expect((await events.next()).value).toEqual(view("mine-1"));
    await events.return?.();
  });

  it("ends on return(): a waiting next() resolves done, and nothing more arrives", async () => {
    const pubSub = specPubSub();
    const events = pubSub.subscribe("ORDER_UPDATED");
    const waiting = events.next();
    await events.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    pubSub.publish("ORDER_UPDATED", view("late"));
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it("ends a subscriber that falls MAX_QUEUED_EVENTS behind with an error, leaving the others", async () => {
    const pubSub = specPubSub();
    const slow = pubSub.subscribe("ORDER_UPDATED");
    const fast = pubSub.subscribe("ORDER_UPDATED");
    const seen: string[] = [];
    for (let i = 0; i <= MAX_QUEUED_EVENTS; i++) {
      const next = fast.next();
      pubSub.publish("ORDER_UPDATED", view(String(i)));
      seen.push(((await next).value as { id: string }).id);
    }
    expect(seen).toHaveLength(MAX_QUEUED_EVENTS + 1);
    await expect(slow.next()).rejects.toThrow(/more than 10000 events waited/);
    await fast.return?.();
  });
});

describe("startWith()", () => {
  it("yields the current state first, then the events, and ends the subscription when ended", async () => {
    const pubSub = specPubSub();
    const events = startWith({ orderCount: 1 }, pubSub.subscribe("DASHBOARD_UPDATED"));
    expect(pubSub.localSubscribers("DASHBOARD_UPDATED")).toBe(1);
    expect((await events.next()).value).toEqual({ orderCount: 1 });
    pubSub.publish("DASHBOARD_UPDATED", { orderCount: 2 });
    expect((await events.next()).value).toEqual({ orderCount: 2 });
    await events.return?.();
    expect(pubSub.localSubscribers("DASHBOARD_UPDATED")).toBe(0);
  });

  it("ends the subscription when ended before the first value is taken", async () => {
    const pubSub = specPubSub();
    const events = startWith({ orderCount: 1 }, pubSub.subscribe("DASHBOARD_UPDATED"));
    await events.return?.();
    expect(pubSub.localSubscribers("DASHBOARD_UPDATED")).toBe(0);
  });
});
