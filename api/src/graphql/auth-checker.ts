import type { AuthCheckerFn } from "type-graphql";
import type { Role } from "../modules/users/role";
import type { Context } from "./context";
import { ForbiddenError, UnauthenticatedError } from "./errors";

/**
 * TypeGraphQL's `@Authorized(...roles)` check. It throws instead of returning false so that an
 * anonymous caller gets UNAUTHENTICATED and a caller of the wrong role FORBIDDEN (TypeGraphQL
 * would say UNAUTHORIZED to both).
 */
export const authChecker: AuthCheckerFn<Context, Role> = ({ context }, roles) => {
  if (context.viewer === null) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(context.viewer.role)) throw new ForbiddenError();
  return true;
};
