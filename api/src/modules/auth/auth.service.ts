import type { Viewer } from "../../graphql/context";
import { UnauthenticatedError } from "../../graphql/errors";
import type { UserService } from "../users";
import type { TokenService } from "./token.service";

const BEARER = /^Bearer ([A-Za-z0-9\-_.]+)$/;

/** Establishes who calls: from a bearer token to a Viewer, for HTTP and graphql-ws alike. */
export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserService,
  ) {}

  /**
   * The viewer an `Authorization` value stands for. No value: anonymous (null). A value that is
   * not a valid, current token of an existing user: UNAUTHENTICATED, never silently anonymous.
   */
  async authenticate(authorization: string | undefined): Promise<Viewer | null> {
    if (authorization === undefined || authorization === "") return null;
    const token = BEARER.exec(authorization)?.[1];
    const claims = token === undefined ? null : this.tokens.verify(token);
    if (claims === null) throw new UnauthenticatedError("Your session is invalid or has expired. Please log in again.");
    const user = await this.users.findActiveById(claims.userId);
    if (user === null || user.tokenVersion !== claims.version) {
      throw new UnauthenticatedError("Your session has ended. Please log in again.");
    }
    return { id: user.id, role: user.role };
  }
}
