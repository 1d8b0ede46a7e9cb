import { createPubSub, type PubSub } from "@graphql-yoga/subscription";

/** Every pub/sub topic. Payloads are plain JSON objects, so they can cross instances via Redis. */
export enum Topic {
  /** A user's tokens were revoked (logout, password change or reset, deletion). */
  SESSION_REVOKED = "SESSION_REVOKED",
  LOG_ADDED = "LOG_ADDED",
}

export interface SessionRevokedEvent {
  readonly userId: string;
}

/** A log entry as published: ids as strings, times as ISO strings. */
export interface LogAddedEvent {
  readonly id: string;
  readonly at: string;
  readonly type: string;
  readonly level: string;
  readonly message: string;
  readonly actorId: string | null;
  readonly orderId: string | null;
  readonly productId: string | null;
  readonly userId: string | null;
  readonly data: Record<string, unknown> | null;
}

export type AppPubSubEvents = {
  [Topic.SESSION_REVOKED]: [SessionRevokedEvent];
  [Topic.LOG_ADDED]: [LogAddedEvent];
};

export type AppPubSub = PubSub<AppPubSubEvents>;

/** The process's pub/sub: in memory (one instance). */
export function createAppPubSub(): AppPubSub {
  return createPubSub<AppPubSubEvents>();
}
