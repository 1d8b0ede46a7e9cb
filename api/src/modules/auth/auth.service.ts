import type { Session, Viewer } from "../../graphql/viewer";
import {
  EmailNotVerifiedError,
  InvalidCredentialsError,
  TotpInvalidError,
  TotpRequiredError,
  UnauthenticatedError,
} from "../../graphql/errors";
import { LogLevel, LogType, type LogService } from "../logs";
import { verifyAgainstDummy, verifyPassword, type UserDocument, type UserService } from "../users";
import { isApiToken, type ApiTokenService } from "../api-tokens";
import type { LoginThrottleService } from "./login-throttle.service";
import { SessionCache } from "./session-cache";
import type { TokenService } from "./token.service";
import type { TotpService } from "./totp.service";

export interface LoginAttempt {
  readonly email: string;
  readonly password: string;
  readonly totpCode?: string | null;
  /** The caller's address, for throttling. */
  readonly ip: string;
}

const BEARER = /^Bearer ([A-Za-z0-9\-_.]+)$/;

/** Sessions: login (with throttling and TOTP), logout, and establishing who calls from a token. */
export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserService,
    private readonly totp: TotpService,
    private readonly throttle: LoginThrottleService,
    private readonly logs: LogService,
    private readonly apiTokens: ApiTokenService,
    private readonly sessions: SessionCache = new SessionCache(),
  ) {
    users.onRevocation((userId) => sessions.forget(userId));
  }

  /** Another instance revoked the user's tokens (pub/sub): read them again. */
  forgetSessions(userId: string): void {
    this.sessions.forget(userId);
  }

  /**
   * The session an `Authorization` value stands for. No value: anonymous (null). A value that is
   * not a valid, current token of an existing user: UNAUTHENTICATED, never silently anonymous. An
   * API token (`of_…`) is established by the API token service; anything else must be a JWT.
   */
  async authenticate(authorization: string | undefined): Promise<Session | null> {
    if (authorization === undefined || authorization === "") return null;
    const token = BEARER.exec(authorization)?.[1];
    if (token !== undefined && isApiToken(token)) return this.apiTokens.authenticate(token);
    const claims = token === undefined ? null : this.tokens.verify(token);
    if (claims === null) throw new UnauthenticatedError("Your session is invalid or has expired. Please log in again.");
    const role = this.sessions.role(claims.userId, claims.version);
    if (role !== undefined) return { viewer: { id: claims.userId, role }, expiresAt: claims.expiresAt };
    const remember = this.sessions.beginRead();
    const user = await this.users.findActiveById(claims.userId);
    if (user === null || user.tokenVersion !== claims.version) {
      throw new UnauthenticatedError("Your session has ended. Please log in again.");
    }
    remember(user.id, user.tokenVersion, user.role);
    return { viewer: { id: user.id, role: user.role }, expiresAt: claims.expiresAt, user };
  }

  /**
   * Checks the credentials and returns a token. Unknown email and wrong password fail alike (same
   * code, message and time); failures are throttled per account and per address.
   * @throws TooManyRequestsError, InvalidCredentialsError, EmailNotVerifiedError, TotpRequiredError, TotpInvalidError
   */
  async login(attempt: LoginAttempt): Promise<{ token: string; user: UserDocument }> {
    const email = attempt.email.trim().toLowerCase();
    await this.throttle.begin(email, attempt.ip);
    const user = email.length > 254 ? null : await this.users.findActiveByEmail(email);
    const passwordOk =
      user === null
        ? await verifyAgainstDummy(attempt.password)
        : await verifyPassword(user.passwordHash, attempt.password);
    if (user === null || !passwordOk) {
      await this.fail(email, attempt.ip, user, "wrong email or password");
      throw new InvalidCredentialsError();
    }
    if (!user.emailVerified) {
      await this.throttle.release(email, attempt.ip);
      throw new EmailNotVerifiedError();
    }
    if (user.totpEnabled) {
      const code = attempt.totpCode?.trim();
      if (!code) {
        await this.throttle.release(email, attempt.ip);
        throw new TotpRequiredError();
      }
      if (!(await this.totp.acceptCode(user, code))) {
        await this.fail(email, attempt.ip, user, "wrong or reused authenticator code");
        throw new TotpInvalidError();
      }
    }
    await this.throttle.succeeded(email, attempt.ip);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} logged in`,
      actorId: user._id,
      userId: user._id,
    });
    return { token: this.issueToken(user), user };
  }

  /** A fresh token for the user at its current tokenVersion. */
  issueToken(user: UserDocument): string {
    return this.tokens.sign({ userId: user.id, role: user.role, version: user.tokenVersion });
  }

  /** Revokes every token of the caller, on every instance, and closes their sockets. */
  async logout(viewer: Viewer): Promise<boolean> {
    const user = await this.users.findActiveById(viewer.id);
    if (user === null) return true;
    await this.users.revokeSessions(user._id);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} logged out`,
      actorId: user._id,
      userId: user._id,
    });
    return true;
  }

  private async fail(email: string, ip: string, user: UserDocument | null, why: string): Promise<void> {
    await this.throttle.failed(email, ip);
    // Only a well-formed address is written down: a password typed into the email field is not.
    const shown =
      user?.email ?? (/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/.test(email) ? email : "an unknown address");
    await this.logs.record({
      type: LogType.AUTH,
      level: LogLevel.WARN,
      message: `Failed login for ${shown}: ${why}`,
      userId: user?._id ?? null,
      data: { ip },
    });
  }
}
