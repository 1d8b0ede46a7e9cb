import type { ResolverData } from "type-graphql";
import { Role } from "../modules/users/role";
import { authChecker } from "./auth-checker";
import type { Context } from "./context";
import { ForbiddenError, UnauthenticatedError } from "./errors";

describe("authChecker", () => {
  const call = (viewer: Context["viewer"], roles: Role[]) => {
    const data = { context: { viewer, ip: "127.0.0.1" } } as Partial<ResolverData<Context>>;
    return authChecker(data as ResolverData<Context>, roles);
  };

  it("refuses an anonymous caller with UNAUTHENTICATED", () => {
    expect(() => call(null, [])).toThrow(UnauthenticatedError);
  });

  it("refuses a caller of another role with FORBIDDEN", () => {
    expect(() => call({ id: "u1", role: Role.CUSTOMER }, [Role.ADMIN])).toThrow(ForbiddenError);
  });

  it("lets any logged-in caller through when no role is named", () => {
    expect(call({ id: "u1", role: Role.CUSTOMER }, [])).toBe(true);
  });

  it("lets a caller of a named role through", () => {
    expect(call({ id: "u1", role: Role.ADMIN }, [Role.ADMIN])).toBe(true);
  });
});
