import { Types } from "mongoose";
import { connectModels } from "../../../test/helpers/database";
import { ManualClock } from "../../clock";
import { OneTimeTokenModel } from "./one-time-token.model";
import { OneTimeTokenService, TokenPurpose } from "./one-time-token.service";

describe("OneTimeTokenService", () => {
  let disconnect: () => Promise<void>;
  const clock = new ManualClock();
  const tokens = new OneTimeTokenService(clock);

  beforeAll(async () => {
    disconnect = await connectModels("one_time_tokens");
  });
  afterAll(() => disconnect());

  describe("issue()", () => {
    it("returns 256 random bits and stores only their SHA-256 hash", async () => {
      const token = await tokens.issue(new Types.ObjectId(), TokenPurpose.VERIFY_EMAIL);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      const stored = await OneTimeTokenModel.find({}).lean();
      expect(stored.some((t) => t._id === token)).toBe(false);
      expect(stored.every((t) => /^[0-9a-f]{64}$/.test(t._id))).toBe(true);
    });

    it("makes earlier unused tokens of the same purpose stop working", async () => {
      const user = new Types.ObjectId();
      const first = await tokens.issue(user, TokenPurpose.RESET_PASSWORD);
      const second = await tokens.issue(user, TokenPurpose.RESET_PASSWORD);
      expect(await tokens.consume(first, TokenPurpose.RESET_PASSWORD)).toBeNull();
      expect((await tokens.consume(second, TokenPurpose.RESET_PASSWORD))?.equals(user)).toBe(true);
    });
  });

  describe("consume()", () => {
    it("works once", async () => {
      const user = new Types.ObjectId();
      const token = await tokens.issue(user, TokenPurpose.VERIFY_EMAIL);
      expect((await tokens.consume(token, TokenPurpose.VERIFY_EMAIL))?.equals(user)).toBe(true);
      expect(await tokens.consume(token, TokenPurpose.VERIFY_EMAIL)).toBeNull();
    });

    it("gives exactly one of many concurrent uses the user", async () => {
      const token = await tokens.issue(new Types.ObjectId(), TokenPurpose.RESET_PASSWORD);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => tokens.consume(token, TokenPurpose.RESET_PASSWORD)),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it("refuses a token of another purpose", async () => {
      const token = await tokens.issue(new Types.ObjectId(), TokenPurpose.VERIFY_EMAIL);
      expect(await tokens.consume(token, TokenPurpose.RESET_PASSWORD)).toBeNull();
    });

    it("refuses a reset token after 1 hour and a verification token after 24 hours", async () => {
      const reset = await tokens.issue(new Types.ObjectId(), TokenPurpose.RESET_PASSWORD);
      const verify = await tokens.issue(new Types.ObjectId(), TokenPurpose.VERIFY_EMAIL);
      clock.advance(3600_000 + 1);
      expect(await tokens.consume(reset, TokenPurpose.RESET_PASSWORD)).toBeNull();
      expect(await tokens.peek(verify, TokenPurpose.VERIFY_EMAIL)).not.toBeNull();
      clock.advance(23 * 3600_000);
      expect(await tokens.consume(verify, TokenPurpose.VERIFY_EMAIL)).toBeNull();
    });

    it("refuses unknown, empty and oversized tokens", async () => {
      for (const token of ["", "x".repeat(101), "nope"]) {
        expect(await tokens.consume(token, TokenPurpose.VERIFY_EMAIL)).toBeNull();
      }
    });
  });
});
