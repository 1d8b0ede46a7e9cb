import type { Viewer } from "../../graphql/viewer";
import { ForbiddenError } from "../../graphql/errors";
import { Role } from "./role";
import type { UserDocument } from "./user.model";

/**
 * User records handed to the person they belong to before that person holds a token for the
 * request (the result of register and login). Weak: nothing outlives the response.
 */
const ownRecords = new WeakSet<UserDocument>();

/** Lets this record show its private fields in this response: it is the caller's own. */
export function asOwnRecord<T extends { user: UserDocument }>(payload: T): T {
  ownRecords.add(payload.user);
  return payload;
}

/** Email and money fields are for the user and admins only. */
export function assertMayReadPrivateFields(viewer: Viewer | null, user: UserDocument): void {
  if (viewer?.role === Role.ADMIN || viewer?.id === user.id || ownRecords.has(user)) return;
  throw new ForbiddenError("Only the user and admins can see this field.");
}
