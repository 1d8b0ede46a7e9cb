import { Types } from "mongoose";
import pino from "pino";
import { connectModels } from "../../../test/helpers/database";
import { ManualClock } from "../../clock";
import { ForbiddenError, TooManyRequestsError, UnauthenticatedError } from "../../graphql/errors";
import { createAppPubSub, Topic } from "../../pubsub/pubsub";
import { LogService } from "../logs";
import { Role } from "../users";
import { ApiTokenModel } from "./api-token.model";
import { ApiTokenService, hashApiToken } from "./api-token.service";

describe("ApiTokenService", () => {
  let disconnect: () => Promise<void>;
  const clock = new ManualClock(new Date("2030-01-01T00:00:00Z"));
  const pubSub = createAppPubSub();
  const logger = pino({ level: "silent" });
  const service = new ApiTokenService(pubSub, new LogService(pubSub, clock, logger), clock, logger, {
    rate: { perMinute: 60, burst: 3 },
  });
  const admin = { id: new Types.ObjectId().toHexString(), role: Role.ADMIN };

  beforeAll(async () => {
    disconnect = await connectModels("api_tokens");
    await ApiTokenModel.syncIndexes();
  });
  afterAll(() => disconnect());

  describe("create()", () => {
    it("returns of_ and 256 random bits, and stores only their SHA-256", async () => {
      const { token, apiToken } = await service.create(admin, { name: " ERP ", scopes: ["orders:read"] });
      expect(token).toMatch(/^of_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(3), "base64url")).toHaveLength(32);
      const stored = await ApiTokenModel.findById(apiToken._id).lean().exec();
      expect(stored).toMatchObject({ hash: hashApiToken(token), name: "ERP", scopes: ["orders:read"] });
      expect(JSON.stringify(stored)).not.toContain(token.slice(3));
    });

    it("refuses unknown scopes, no scope, an empty name and an expiry in the past", async () => {
      const fields = async (input: Parameters<ApiTokenService["create"]>[1]) =>
        service.create(admin, input).then(
          () => "created",
          (error: { extensions: Record<string, unknown> }) => error.extensions["field"],
        );
      expect(await fields({ name: "x", scopes: ["orders:delete"] })).toBe("scopes");
      expect(await fields({ name: "x", scopes: [] })).toBe("scopes");
      expect(await fields({ name: "  ", scopes: ["orders:read"] })).toBe("name");
      expect(await fields({ name: "x", scopes: ["orders:read"], expiresAt: clock.now() })).toBe("expiresAt");
    });

    it("refuses a caller that is an API token, even an admin's", async () => {
      const viewer = { ...admin, apiToken: { id: new Types.ObjectId().toHexString(), scopes: new Set([]) } };
      await expect(service.create(viewer, { name: "x", scopes: ["orders:read"] })).rejects.toThrow(ForbiddenError);
      await expect(service.list(viewer)).rejects.toThrow(ForbiddenError);
      await expect(service.revoke(viewer, new Types.ObjectId().toHexString())).rejects.toThrow(ForbiddenError);
    });
  });

  describe("authenticate()", () => {
    it("acts as the creating admin, with the token's scopes", async () => {
      const { token, apiToken } = await service.create(admin, { name: "x", scopes: ["orders:read", "stock:write"] });
      const session = await service.authenticate(token);
      expect(session.viewer).toEqual({
        id: admin.id,
        role: Role.ADMIN,
        apiToken: { id: apiToken.id, scopes: new Set(["orders:read", "stock:write"]) },
      });
    });

    it("finds a token by the hash of what is presented: a record with that hash is that token", async () => {
      const id = new Types.ObjectId();
      await ApiTokenModel.create({
        _id: id,
        hash: hashApiToken("of_planted"),
        name: "planted",
        scopes: ["logs:read"],
        createdBy: new Types.ObjectId(admin.id),
        createdAt: clock.now(),
      });
      expect((await service.authenticate("of_planted")).viewer.apiToken?.id).toBe(id.toHexString());
      await expect(service.authenticate(`of_${"x".repeat(43)}`)).rejects.toThrow(UnauthenticatedError);
    });

    it("refuses a token once it expires", async () => {
      const expiresAt = new Date(clock.now().getTime() + 60_000);
      const { token } = await service.create(admin, { name: "x", scopes: ["orders:read"], expiresAt });
      await service.authenticate(token);
      clock.advance(60_000);
      await expect(service.authenticate(token)).rejects.toThrow("expired");
    });

    it("refuses a revoked token at once, though it was read before, and announces the revocation", async () => {
      const { token, apiToken } = await service.create(admin, { name: "x", scopes: ["orders:read"] });
      await service.authenticate(token);
      const announced = pubSub.subscribe(Topic.API_TOKEN_REVOKED)[Symbol.asyncIterator]();
      const next = announced.next();
      await service.revoke(admin, apiToken.id);
      expect((await next).value).toEqual({ tokenId: apiToken.id });
      await announced.return?.();
      await expect(service.authenticate(token)).rejects.toThrow(UnauthenticatedError);
    });

    it("writes lastUsedAt on first use and then at most once a minute", async () => {
      const { token, apiToken } = await service.create(admin, { name: "x", scopes: ["orders:read"] });
      const lastUsed = async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return (await ApiTokenModel.findById(apiToken._id).lean().exec())?.lastUsedAt?.getTime();
      };
      const first = clock.now().getTime();
      await service.authenticate(token);
      expect(await lastUsed()).toBe(first);
      clock.advance(30_000);
      await service.authenticate(token);
      expect(await lastUsed()).toBe(first);
      clock.advance(31_000);
      await service.authenticate(token);
      expect(await lastUsed()).toBe(first + 61_000);
    });
  });

  describe("admit()", () => {
    it("lets a burst through, then refuses with retryAfterSec until the bucket refills", async () => {
      const { token } = await service.create(admin, { name: "x", scopes: ["orders:read"] });
      const { viewer } = await service.authenticate(token);
      for (let i = 0; i < 3; i++) await service.admit(viewer);
      const refused = await service.admit(viewer).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      expect((refused as TooManyRequestsError).extensions["retryAfterSec"]).toBe(1);
      clock.advance(1_000);
      await service.admit(viewer);
    });

    it("leaves people's requests alone", async () => {
      for (let i = 0; i < 10; i++) await service.admit(admin);
    });
  });
});
