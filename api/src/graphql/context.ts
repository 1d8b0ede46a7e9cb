import { UnauthenticatedError } from "./errors";
import type { Loaders } from "../loaders";
import type { AppPubSub } from "../pubsub/pubsub";
import type { Role } from "../modules/users/role";
import type { UserDocument } from "../modules/users/user.model";

/** Who is calling, as established from a verified token; null for anonymous callers. */
export interface Viewer {
  readonly id: string;
  readonly role: Role;
}

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
}

/** A verified caller and when its token stops working. */
export interface Session {
  readonly viewer: Viewer;
  readonly expiresAt: Date;
  /** The user as read to verify the token. */
  readonly user: UserDocument;
}

/**
 * The caller of an operation that requires a login. `@Authorized` has already refused anonymous
 * callers; this narrows the type (and would refuse them again if a decorator were forgotten).
 */
export function signedIn(viewer: Viewer | null): Viewer {
  if (viewer === null) throw new UnauthenticatedError();
  return viewer;
}
