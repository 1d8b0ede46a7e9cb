import type { ApiScope } from "./api-scopes";
import { UnauthenticatedError } from "./errors";
import type { Role } from "../modules/users/role";
import type { UserDocument } from "../modules/users/user.model";

/** Who is calling, as established from a verified token; null for anonymous callers. */
export interface Viewer {
  readonly id: string;
  readonly role: Role;
  /**
   * Set when the caller is an API token rather than a person: it acts as the admin who created it
   * (`id`, `role`), restricted to its scopes (see scopes.ts).
   */
  readonly apiToken?: ApiTokenGrant;
}

/** What an API token may do, as established from its stored record. */
export interface ApiTokenGrant {
  readonly id: string;
  readonly scopes: ReadonlySet<ApiScope>;
}

/** A verified caller and when its token stops working. */
export interface Session {
  readonly viewer: Viewer;
  /** Null: never (an API token without expiry). */
  readonly expiresAt: Date | null;
  /** The user, when it was read to verify the token (not when the session was known already). */
  readonly user?: UserDocument;
}

/**
 * The caller of an operation that requires a login. `@Authorized` has already refused anonymous
 * callers; this narrows the type (and would refuse them again if a decorator were forgotten).
 */
export function signedIn(viewer: Viewer | null): Viewer {
  if (viewer === null) throw new UnauthenticatedError();
  return viewer;
}

/**
 * Whose sockets a session's sockets are: its API token's, or its person's. Revoking a person's
 * sessions leaves the tokens they created working, and revoking a token leaves the person's.
 */
export function sessionKey(viewer: Viewer): string {
  return viewer.apiToken === undefined ? viewer.id : apiTokenSessionKey(viewer.apiToken.id);
}

/** The session key of an API token's sockets. */
export function apiTokenSessionKey(tokenId: string): string {
  return `token:${tokenId}`;
}
