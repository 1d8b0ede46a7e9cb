import pino from "pino";
import { connectModels } from "../../../test/helpers/database";
import { ManualClock } from "../../clock";
import { createAppPubSub } from "../../pubsub/pubsub";
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
});
