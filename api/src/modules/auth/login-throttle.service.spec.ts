import { connectModels } from "../../../test/helpers/database";
import { ManualClock } from "../../clock";
import { TooManyRequestsError } from "../../graphql/errors";
import { LoginThrottleService } from "./login-throttle.service";

describe("LoginThrottleService", () => {
  let disconnect: () => Promise<void>;
  const clock = new ManualClock();
  const policy = { threshold: 3, baseLockMs: 10_000, maxLockMs: 40_000, windowMs: 60_000 };
  const throttle = new LoginThrottleService(clock, { account: policy, ip: { ...policy, threshold: 100 } });
  let n = 0;
  const email = () => `user${++n}@example.com`;

  beforeAll(async () => {
    disconnect = await connectModels("throttle");
  });
  afterAll(() => disconnect());

  const fail = async (address: string, times: number, ip = "10.0.0.1") => {
    for (let i = 0; i < times; i++) await throttle.recordFailure(address, ip);
  };

  describe("assertAllowed()", () => {
    it("allows an account below the threshold", async () => {
      const address = email();
      await fail(address, 2);
      await expect(throttle.assertAllowed(address, "10.0.0.1")).resolves.toBeUndefined();
    });

    it("locks an account at the threshold and says for how long", async () => {
      const address = email();
      await fail(address, 3);
      await expect(throttle.assertAllowed(address, "10.0.0.1")).rejects.toMatchObject({
        code: "TOO_MANY_REQUESTS",
        extensions: expect.objectContaining({ retryAfterSec: 10 }) as unknown,
      });
    });

    it("doubles the lock with each further failure, up to the maximum", async () => {
      const address = email();
      await fail(address, 6);
      const error = await throttle.assertAllowed(address, "10.0.0.1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TooManyRequestsError);
      expect((error as TooManyRequestsError).extensions["retryAfterSec"]).toBe(40);
    });

    it("lifts the lock once it has expired", async () => {
      const address = email();
      await fail(address, 3);
      clock.advance(10_001);
      await expect(throttle.assertAllowed(address, "10.0.0.1")).resolves.toBeUndefined();
    });

    it("starts counting anew after the window", async () => {
      const address = email();
      await fail(address, 2);
      clock.advance(60_001);
      await fail(address, 2);
      await expect(throttle.assertAllowed(address, "10.0.0.1")).resolves.toBeUndefined();
    });

    it("counts concurrent failures without losing any", async () => {
      const address = email();
      await Promise.all(Array.from({ length: 3 }, () => throttle.recordFailure(address, "10.0.0.9")));
      await expect(throttle.assertAllowed(address, "10.0.0.9")).rejects.toBeInstanceOf(TooManyRequestsError);
    });

    it("locks an address whose failures spread over many accounts", async () => {
      const ip = "10.9.9.9";
      for (let i = 0; i < 100; i++) await throttle.recordFailure(email(), ip);
      await expect(throttle.assertAllowed(email(), ip)).rejects.toBeInstanceOf(TooManyRequestsError);
      await expect(throttle.assertAllowed(email(), "10.0.0.2")).resolves.toBeUndefined();
    });
  });

  describe("clear()", () => {
    it("forgets an account's failures and lock", async () => {
      const address = email();
      await fail(address, 3);
      await throttle.clear(address.toUpperCase());
      await expect(throttle.assertAllowed(address, "10.0.0.1")).resolves.toBeUndefined();
    });
  });
});
