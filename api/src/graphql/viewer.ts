import { UnauthenticatedError } from "./errors";
import type { Role } from "../modules/users/role";
import type { UserDocument } from "../modules/users/user.model";

/** Who is calling, as established from a verified token; null for anonymous callers. */
export interface Viewer {
  readonly id: string;
  readonly role: Role;
}

/** A verified caller and when its token stops working. */
export interface Session {
  readonly viewer: Viewer;
  readonly expiresAt: Date;
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
