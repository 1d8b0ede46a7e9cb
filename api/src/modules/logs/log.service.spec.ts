import { Types } from "mongoose";
import pino from "pino";
import { connectModels } from "../../../test/helpers/database";
import { ManualClock } from "../../clock";
import { createAppPubSub, Topic } from "../../pubsub/pubsub";
import { LogType } from "./log-type";
import { LogService, scrub } from "./log.service";

describe("scrub()", () => {
  it("drops every key that could hold a secret, at any depth", () => {
    expect(
      scrub({
        ip: "10.0.0.1",
        password: "x",
        newPassword: "y",
        token: "t",
        passwordHash: "h",
        nested: { totpSecret: "s", authorization: "Bearer x", kept: 1, list: [{ resetToken: "r", ok: true }] },
      }),
    ).toEqual({ ip: "10.0.0.1", nested: { kept: 1, list: [{ ok: true }] } });
  });
});

describe("LogService", () => {
  describe("purgeOlderThan()", () => {
    let disconnect: () => Promise<void>;
    const clock = new ManualClock(new Date("2031-03-01T00:00:00Z"));
    const logs = new LogService(createAppPubSub(), clock, pino({ level: "silent" }));

    beforeAll(async () => {
      disconnect = await connectModels("logs");
    });
    afterAll(() => disconnect());

    it("removes the entries older than the retention period and keeps the rest", async () => {
      await logs.record({ type: LogType.SYSTEM, message: "old" });
      clock.advance(31 * 86_400_000);
      await logs.record({ type: LogType.SYSTEM, message: "recent" });
      expect(await logs.purgeOlderThan(30)).toBe(1);
      const left = await logs.list(null, { first: 10 });
      expect(left.nodes.map((n) => n.message)).toEqual(["recent"]);
    });
  });

  describe("recordManyOnce()", () => {
    let disconnect: () => Promise<void>;
    const pubSub = createAppPubSub();
    const published: string[] = [];
    const publish = pubSub.publish.bind(pubSub);
    pubSub.publish = (topic, payload) => {
      if (topic === Topic.LOG_ADDED) published.push((payload as { message: string }).message);
      publish(topic, payload);
    };
    const logs = new LogService(pubSub, new ManualClock(new Date("2031-03-01T00:00:00Z")), pino({ level: "silent" }));

    beforeAll(async () => {
      disconnect = await connectModels("logs-many");
    });
    afterAll(() => disconnect());

    it("stores each entry once under its id, and publishes only the ones it wrote", async () => {
      const [a, b, c] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
      const entry = (id: Types.ObjectId, message: string) => ({ id, input: { type: LogType.ORDER, message } });
      expect(await logs.recordManyOnce([entry(a, "a"), entry(b, "b")])).toEqual([true, true]);
      expect(await logs.recordManyOnce([entry(b, "b again"), entry(c, "c"), entry(a, "a again")])).toEqual([
        true,
        true,
        true,
      ]);
      expect(published).toEqual(["a", "b", "c"]);
      const stored = await logs.list(null, { first: 10 });
      expect(stored.nodes.map((n) => n.message).sort()).toEqual(["a", "b", "c"]);
    });
  });
});
