import { createHash, randomBytes } from "node:crypto";
import { Types } from "mongoose";
import type { Clock } from "../../clock";
import { RateBuckets, type Rate } from "../../db/rate-buckets";
import { BoundedMap } from "../../lib/bounded-map";
import { API_SCOPES, isApiScope, type ApiScope } from "../../graphql/api-scopes";
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
} from "../../graphql/errors";
import type { Session, Viewer } from "../../graphql/viewer";
import type { Logger } from "../../logger";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import { LogType, type LogService } from "../logs";
import { Role } from "../users";
import { ApiTokenCache, type TokenGrant } from "./api-token-cache";
import { ApiTokenModel, type ApiTokenDocument } from "./api-token.model";

/** The prefix that tells an API token from a JWT (and a leaked one from other secrets). */
export const API_TOKEN_PREFIX = "of_";

/** How often `lastUsedAt` is written at most, per token. */
const LAST_USED_EVERY_MS = 60_000;

export interface ApiTokenOptions {
  /** Each token's requests (HTTP requests, operations over a socket). */
  readonly rate: Rate;
  /** How long an instance believes a token read without reading it again. @default 30000 */
  readonly cacheTtlMs?: number;
}

/** A new token as its creator sees it, the one time its secret is shown. */
export interface CreatedToken {
  readonly token: string;
  readonly apiToken: ApiTokenDocument;
}

export interface NewApiToken {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresAt?: Date | null | undefined;
}

/** The SHA-256 of a token, hex: what is stored, and what a token is looked up by. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether an `Authorization` bearer value is an API token rather than a JWT. */
export function isApiToken(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX);
}

/**
 * API tokens for integrators: admins create, list and revoke them (from a person's session only);
 * a request's token is established as a session acting as its creator within its scopes, and
 * rate-limited per token through a bucket on its record, shared by every instance.
 */
export class ApiTokenService {
  private readonly cache: ApiTokenCache;
  private readonly buckets: RateBuckets<"rateTat">;
  /** When this instance last wrote each token's lastUsedAt, in ms. */
  private readonly lastUsedWritten = new BoundedMap<string, number>(10_000);

  constructor(
    private readonly pubSub: AppPubSub,
    private readonly logs: LogService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ApiTokenOptions,
  ) {
    this.cache = new ApiTokenCache(() => clock.now().getTime(), options.cacheTtlMs);
    this.buckets = new RateBuckets(ApiTokenModel, clock);
  }

  /**
   * Creates a token; its secret (`of_` + 256 random bits, base64url) is returned this once and
   * stored only as its hash.
   * @throws FORBIDDEN for an API token's call, BAD_USER_INPUT for a bad name, scope or expiry
   */
  async create(viewer: Viewer, input: NewApiToken): Promise<CreatedToken> {
    const admin = this.person(viewer);
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100)
      throw new BadUserInputError("Give the token a name of 1 to 100 characters.", "name");
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0) throw new BadUserInputError("Choose at least one scope.", "scopes");
    const unknown = scopes.find((scope) => !isApiScope(scope));
    if (unknown !== undefined) {
      throw new BadUserInputError(`Unknown scope "${unknown.slice(0, 40)}"; see apiScopes.`, "scopes");
    }
    const now = this.clock.now();
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
      throw new BadUserInputError("The expiry must be in the future.", "expiresAt");
    }
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const apiToken = await ApiTokenModel.create({
      hash: hashApiToken(token),
      name,
      scopes,
      createdBy: new Types.ObjectId(admin.id),
      createdAt: now,
      expiresAt,
    });
    await this.logs.record({
      type: LogType.AUTH,
      message: `API token "${name}" created with ${scopes.join(", ")}`,
      actorId: new Types.ObjectId(admin.id),
      data: { tokenId: apiToken.id },
    });
    return { token, apiToken };
  }

  /** Every token, newest first, revoked ones included. @throws FORBIDDEN for an API token's call */
  async list(viewer: Viewer): Promise<ApiTokenDocument[]> {
    this.person(viewer);
    return ApiTokenModel.find({}, { hash: 0 }).sort({ createdAt: -1, _id: -1 }).exec();
  }

  /** The scopes a token can carry. */
  scopes(): Array<{ name: ApiScope; description: string }> {
    return Object.entries(API_SCOPES).map(([name, description]) => ({ name: name as ApiScope, description }));
  }

  /**
   * Revokes a token at once on every instance: each forgets it and closes its sockets. Revoking a
   * revoked token changes nothing.
   * @throws FORBIDDEN for an API token's call, NOT_FOUND for an unknown id
   */
  async revoke(viewer: Viewer, id: string): Promise<ApiTokenDocument> {
    const admin = this.person(viewer);
    if (!Types.ObjectId.isValid(id)) throw new NotFoundError("ApiToken", id);
    const revoked = await ApiTokenModel.findOneAndUpdate(
      { _id: new Types.ObjectId(id), revokedAt: null },
      { $set: { revokedAt: this.clock.now() } },
      { returnDocument: "after", projection: { hash: 0 } },
    ).exec();
    if (revoked === null) {
      const existing = await ApiTokenModel.findById(id, { hash: 0 }).exec();
      if (existing === null) throw new NotFoundError("ApiToken", id);
      return existing;
    }
    this.forget(revoked.id);
    this.pubSub.publish(Topic.API_TOKEN_REVOKED, { tokenId: revoked.id });
    await this.logs.record({
      type: LogType.AUTH,
      message: `API token "${revoked.name}" revoked`,
      actorId: new Types.ObjectId(admin.id),
      data: { tokenId: revoked.id },
    });
    return revoked;
  }

  /**
   * The session of an API token: it acts as the admin who created it, within its scopes. An unknown,
   * revoked or expired token is refused with UNAUTHENTICATED, never taken as anonymous.
   */
  async authenticate(token: string): Promise<Session> {
    const hash = hashApiToken(token);
    const grant = this.cache.get(hash) ?? (await this.read(hash));
    if (grant === null) throw new UnauthenticatedError("This API token is not valid or has been revoked.");
    if (grant.expiresAt !== null && grant.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new UnauthenticatedError("This API token has expired.");
    }
    this.touch(grant.id);
    const scopes = new Set(grant.scopes.filter(isApiScope));
    return {
      viewer: { id: grant.createdBy, role: Role.ADMIN, apiToken: { id: grant.id, scopes } },
      expiresAt: grant.expiresAt,
    };
  }

  /**
   * Admits one request of the caller: an API token's takes one from its bucket, or is refused with
   * TOO_MANY_REQUESTS and `retryAfterSec`; people's requests pass.
   */
  async admit(viewer: Viewer | null): Promise<void> {
    if (viewer?.apiToken === undefined) return;
    const taken = await this.buckets.take(new Types.ObjectId(viewer.apiToken.id), "rateTat", 1, this.options.rate);
    if (taken === true) return;
    const seconds = Math.max(1, Math.ceil(taken / 1000));
    throw new TooManyRequestsError(seconds, `This API token sent too many requests. Try again in ${seconds} s.`);
  }

  /** A token was revoked (here or on another instance): stop believing it. */
  forget(tokenId: string): void {
    this.cache.forgetToken(tokenId);
  }

  private async read(hash: string): Promise<TokenGrant | null> {
    const remember = this.cache.beginRead();
    const doc = await ApiTokenModel.findOne({ hash }, { createdBy: 1, scopes: 1, expiresAt: 1, revokedAt: 1 })
      .lean()
      .exec();
    if (doc === null || doc.revokedAt !== null) return null;
    const grant: TokenGrant = {
      id: doc._id.toHexString(),
      createdBy: doc.createdBy.toHexString(),
      scopes: doc.scopes,
      expiresAt: doc.expiresAt,
    };
    remember(hash, grant);
    return grant;
  }

  /** Writes lastUsedAt when this instance has not for a minute, and no instance has (conditional). */
  private touch(tokenId: string): void {
    const now = this.clock.now().getTime();
    const last = this.lastUsedWritten.get(tokenId);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(tokenId, now);
    const stale = new Date(now - LAST_USED_EVERY_MS);
    ApiTokenModel.updateOne(
      { _id: new Types.ObjectId(tokenId), $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: stale } }] },
      { $set: { lastUsedAt: new Date(now) } },
    )
      .exec()
      .catch((error: unknown) => this.logger.warn({ err: error, tokenId }, "could not record an API token's last use"));
  }

  /** The person behind a session: an API token can never manage tokens. */
  private person(viewer: Viewer): Viewer {
    if (viewer.apiToken !== undefined)
      throw new ForbiddenError("API tokens cannot manage API tokens; log in as a person.");
    if (viewer.role !== Role.ADMIN) throw new ForbiddenError();
    return viewer;
  }
}
