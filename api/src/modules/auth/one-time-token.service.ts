import { createHash, randomBytes } from "node:crypto";
import type { Types } from "mongoose";
import type { Clock } from "../../clock";
import { OneTimeTokenModel, TokenPurpose } from "./one-time-token.model";

export { TokenPurpose };

/** How long each kind of token stays valid. */
export const TOKEN_LIFETIME_MS: Readonly<Record<TokenPurpose, number>> = {
  [TokenPurpose.VERIFY_EMAIL]: 24 * 3600_000,
  [TokenPurpose.RESET_PASSWORD]: 3600_000,
};

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues and consumes the single-use tokens mailed for email verification and password reset. */
export class OneTimeTokenService {
  constructor(private readonly clock: Clock) {}

  /**
   * A new random token (256 bits, base64url) for this user and purpose; earlier unused tokens of
   * the same purpose stop working. Only the hash is stored.
   */
  async issue(userId: Types.ObjectId, purpose: TokenPurpose): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await OneTimeTokenModel.deleteMany({ userId, purpose, usedAt: null }).exec();
    await OneTimeTokenModel.create({
      _id: hash(token),
      userId,
      purpose,
      expiresAt: new Date(this.clock.now().getTime() + TOKEN_LIFETIME_MS[purpose]),
    });
    return token;
  }

  /**
   * Uses up a token: the user it was issued to, or null when it is unknown, of another purpose,
   * expired or already used. One atomic update, so of concurrent uses exactly one succeeds.
   */
  async consume(token: string, purpose: TokenPurpose): Promise<Types.ObjectId | null> {
    if (token.length === 0 || token.length > 100) return null;
    const now = this.clock.now();
    const used = await OneTimeTokenModel.findOneAndUpdate(
      { _id: hash(token), purpose, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
    ).exec();
    return used?.userId ?? null;
  }

  /** The user a token was issued to, if it is still usable, without using it up. */
  async peek(token: string, purpose: TokenPurpose): Promise<Types.ObjectId | null> {
    if (token.length === 0 || token.length > 100) return null;
    const found = await OneTimeTokenModel.findOne({
      _id: hash(token),
      purpose,
      usedAt: null,
      expiresAt: { $gt: this.clock.now() },
    }).exec();
    return found?.userId ?? null;
  }

  /** Removes every unused token of a user (on deletion). */
  async revokeAll(userId: Types.ObjectId): Promise<void> {
    await OneTimeTokenModel.deleteMany({ userId }).exec();
  }
}
