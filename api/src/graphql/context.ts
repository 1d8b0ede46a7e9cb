import type { Loaders } from "../loaders";
import type { AppPubSub } from "../pubsub/pubsub";
import type { UserDocument } from "../modules/users/user.model";
import type { Viewer } from "./viewer";

// Kept for the tools that still import the viewer from here; new code imports ./viewer.

/** The context of one GraphQL operation, the same shape over HTTP and graphql-ws. */
export interface Context {
  readonly viewer: Viewer | null;
  /**
   * Over HTTP, the viewer's user as read to verify the token, at the start of this operation; for
   * `me`, which need not read it again. Absent on WebSockets, whose connection outlives it.
   */
  readonly sessionUser?: UserDocument;
  /** The caller's address (behind a trusted proxy: the forwarded one). */
  readonly ip: string;
  /** This request's loaders; a subscription replaces them for every event (see `freshLoaders`). */
  loaders: Loaders;
  readonly freshLoaders: () => Loaders;
  /**
   * The events, for subscriptions: type-graphql calls a subscription's `subscribe` without its
   * resolver, so it finds them here.
   */
  readonly pubSub: AppPubSub;
  /** The customer's queue standings, live (the `queueUpdated` subscription). */
  readonly queueStandings: QueueStandingsSource;
}

/** Where a customer's PENDING orders stand, as a live feed (from the orders module). */
export type QueueStandingsSource = (customerId: string) => AsyncIterableIterator<unknown>;

/** What every operation's context is made from, whatever its transport. */
export interface ContextSources {
  /** Fresh DataLoaders, for each request and subscription. */
  readonly loaders: () => Loaders;
  /** The events subscriptions listen to (the schema's pub/sub). */
  readonly pubSub: AppPubSub;
  readonly queueStandings: QueueStandingsSource;
}

/** The caller of one operation, as its transport established it. */
export interface Caller {
  readonly viewer: Viewer | null;
  /** Over HTTP only: the user read to verify the token (see `Context.sessionUser`). */
  readonly sessionUser?: UserDocument | undefined;
  readonly ip: string;
}

/** The context of one operation: the one builder of both transports (HTTP and graphql-ws). */
export function buildContext(sources: ContextSources, { viewer, sessionUser, ip }: Caller): Context {
  return {
    viewer,
    ...(sessionUser !== undefined ? { sessionUser } : {}),
    ip,
    loaders: sources.loaders(),
    freshLoaders: sources.loaders,
    pubSub: sources.pubSub,
    queueStandings: sources.queueStandings,
  };
}
