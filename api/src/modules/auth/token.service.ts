import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import type { Role } from "../users/role";

/** What a verified access token says. */
export interface TokenClaims {
  readonly userId: string;
  readonly role: Role;
  /** The user's tokenVersion when the token was issued. */
  readonly version: number;
}

/** The claims of a verified token, with its expiry. */
export interface VerifiedClaims extends TokenClaims {
  readonly expiresAt: Date;
}

export interface TokenServiceOptions {
  readonly secret: string;
  /** @default 3600 */
  readonly expiresInSec?: number;
  /** Seconds since the epoch; injected so tests control expiry. @default the system clock */
  readonly now?: () => number;
}

const ALGORITHM = "HS256";
const ISSUER = "orderflow";

/** Signs and verifies access tokens (JWT, HS256 pinned on verify). */
export class TokenService {
  private readonly expiresInSec: number;
  private readonly now: () => number;
  /**
   * The secret as a KeyObject, made once. Given the string, jsonwebtoken tries `createPublicKey`
   * on it for every token, fails, and falls back to a secret key: 5% of an instance's CPU under load
   * (`npm run loadtest -- --profile`).
   */
  private readonly key: KeyObject;

  constructor(options: TokenServiceOptions) {
    this.key = createSecretKey(Buffer.from(options.secret, "utf8"));
    this.expiresInSec = options.expiresInSec ?? 3600;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** A signed token for this user at its current tokenVersion. */
  sign(claims: TokenClaims): string {
    const iat = this.now();
    return jwt.sign({ role: claims.role, ver: claims.version, iat, exp: iat + this.expiresInSec }, this.key, {
      algorithm: ALGORITHM,
      subject: claims.userId,
      issuer: ISSUER,
    });
  }

  /** The claims of a valid token; null when it is malformed, forged, of another algorithm or expired. */
  verify(token: string): VerifiedClaims | null {
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        clockTimestamp: this.now(),
      });
      if (typeof payload === "string" || typeof payload.sub !== "string") return null;
      if (typeof payload["ver"] !== "number" || typeof payload.exp !== "number") return null;
      return {
        userId: payload.sub,
        role: payload["role"] as Role,
        version: payload["ver"],
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch {
      return null;
    }
  }
}
