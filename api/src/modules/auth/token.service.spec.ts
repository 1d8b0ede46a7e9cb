import jwt from "jsonwebtoken";
import { Role } from "../users/role";
import { TokenService } from "./token.service";

describe("TokenService", () => {
  const secret = "k".repeat(48);
  let now = 1_800_000_000;
  const tokens = new TokenService({ secret, expiresInSec: 3600, now: () => now });
  const claims = { userId: "6560f0c2a1b2c3d4e5f60718", role: Role.CUSTOMER, version: 3 };

  beforeEach(() => {
    now = 1_800_000_000;
  });

  describe("verify()", () => {
    it("returns the claims of a token it signed", () => {
      expect(tokens.verify(tokens.sign(claims))).toEqual({ ...claims, expiresAt: new Date((now + 3600) * 1000) });
    });

    it("rejects a token once it has expired", () => {
      const token = tokens.sign(claims);
      now += 3601;
      expect(tokens.verify(token)).toBeNull();
    });

    it("rejects a token signed with another key", () => {
      const forged = new TokenService({ secret: "z".repeat(48), now: () => now }).sign(claims);
      expect(tokens.verify(forged)).toBeNull();
    });

    it("rejects an unsigned token (alg none)", () => {
      const unsigned = jwt.sign({ ver: 3, role: "ADMIN", iat: now, exp: now + 60 }, "", {
        algorithm: "none",
        subject: claims.userId,
        issuer: "orderflow",
      });
      expect(tokens.verify(unsigned)).toBeNull();
    });

    it("rejects a token whose payload was edited", () => {
      const [header, , signature] = tokens.sign(claims).split(".");
      const payload = Buffer.from(
        JSON.stringify({ sub: claims.userId, role: "ADMIN", ver: 3, iat: now, exp: now + 60, iss: "orderflow" }),
      ).toString("base64url");
      expect(tokens.verify(`${header}.${payload}.${signature}`)).toBeNull();
    });

    it("rejects a token of another algorithm made with the same secret", () => {
      const hs512 = jwt.sign({ ver: 3, role: "CUSTOMER" }, secret, {
        algorithm: "HS512",
        subject: claims.userId,
        issuer: "orderflow",
      });
      expect(tokens.verify(hs512)).toBeNull();
    });

    it("rejects garbage", () => {
      expect(tokens.verify("not-a-token")).toBeNull();
    });
  });
});
