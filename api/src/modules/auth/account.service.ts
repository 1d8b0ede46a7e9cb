import type { Viewer } from "../../graphql/viewer";
import {
  ConflictError,
  InvalidCredentialsError,
  InvalidTokenError,
  NotFoundError,
  TotpInvalidError,
} from "../../graphql/errors";
import type { MailOutbox } from "../../mail/outbox";
import { passwordResetMail, verificationMail } from "../../mail/templates";
import { LogType, type LogService } from "../logs";
import {
  assertStrongPassword,
  normalizeEmail,
  Role,
  verifyPassword,
  type UserDocument,
  type UserService,
} from "../users";
import type { AuthService } from "./auth.service";
import type { LoginThrottleService } from "./login-throttle.service";
import { TokenPurpose, type OneTimeTokenService } from "./one-time-token.service";
import type { TotpService, TotpSetupData } from "./totp.service";

export interface Registration {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly enableTotp?: boolean | null;
}

/** At most one verification or reset mail per user per minute. */
const MAIL_INTERVAL_MS = 60_000;

/**
 * The account lifecycle a user drives: registration, email verification, password reset and
 * change, and TOTP two-factor setup.
 */
export class AccountService {
  constructor(
    private readonly users: UserService,
    private readonly auth: AuthService,
    private readonly oneTimeTokens: OneTimeTokenService,
    private readonly totp: TotpService,
    private readonly throttle: LoginThrottleService,
    private readonly outbox: MailOutbox,
    private readonly logs: LogService,
    /** The base of every mailed link (PUBLIC_URL; by default the API's own address). */
    private readonly publicUrl: () => string,
  ) {}

  /**
   * Creates an unverified customer and mails the verification link. With `enableTotp`, also
   * returns a TOTP setup that becomes active once confirmed with `enableTotp` after login.
   */
  async register(input: Registration): Promise<{ user: UserDocument; totpSetup: TotpSetupData | null }> {
    const email = normalizeEmail(input.email);
    const totpSetup = input.enableTotp ? await this.totp.createSetup(email) : null;
    const user = await this.users.createAccount({
      name: input.name,
      email,
      password: input.password,
      role: Role.CUSTOMER,
      verified: false,
      ...(totpSetup === null ? {} : { pendingTotpSecret: totpSetup.secret }),
    });
    await this.sendVerification(user);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} registered${totpSetup ? " (with 2FA requested)" : ""}`,
      actorId: user._id,
      userId: user._id,
    });
    return { user, totpSetup };
  }

  /** Uses a verification token. @throws InvalidTokenError when unknown, used or expired. */
  async verifyEmail(token: string): Promise<boolean> {
    const userId = await this.oneTimeTokens.consume(token, TokenPurpose.VERIFY_EMAIL);
    const user = userId === null ? null : await this.users.findActiveById(userId);
    if (user === null) throw new InvalidTokenError();
    await this.users.markEmailVerified(user._id);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} verified their email`,
      actorId: user._id,
      userId: user._id,
    });
    return true;
  }

  /** Mails a new verification link to an unverified account; the answer never tells whether one exists. */
  async resendVerificationEmail(email: string): Promise<boolean> {
    const user = await this.users.findActiveByEmail(email);
    if (user !== null && !user.emailVerified && (await this.users.claimMailSlot(user._id, MAIL_INTERVAL_MS))) {
      await this.sendVerification(user);
    }
    return true;
  }

  /** Mails a password reset link; the answer never tells whether the account exists. */
  async requestPasswordReset(email: string): Promise<boolean> {
    const user = await this.users.findActiveByEmail(email);
    if (user !== null && (await this.users.claimMailSlot(user._id, MAIL_INTERVAL_MS))) {
      const token = await this.oneTimeTokens.issue(user._id, TokenPurpose.RESET_PASSWORD);
      this.outbox.enqueue(passwordResetMail(user.email, user.name, this.link("/reset-password", token)));
      await this.logs.record({
        type: LogType.AUTH,
        message: `${user.email} asked for a password reset`,
        userId: user._id,
      });
    }
    return true;
  }

  /**
   * Sets a new password with a reset token: revokes every token of the user, lifts a login lock,
   * and counts the email as verified. Does not log in. A weak password is refused before the
   * token is used, so the link still works for a second try.
   */
  async resetPassword(token: string, newPassword: string): Promise<boolean> {
    const pending = await this.oneTimeTokens.peek(token, TokenPurpose.RESET_PASSWORD);
    const holder = pending === null ? null : await this.users.findActiveById(pending);
    if (holder === null) throw new InvalidTokenError();
    assertStrongPassword(newPassword, [holder.name, holder.email], "newPassword");
    const userId = await this.oneTimeTokens.consume(token, TokenPurpose.RESET_PASSWORD);
    if (userId === null || !userId.equals(holder._id)) throw new InvalidTokenError();
    const user = await this.users.changePassword(holder, newPassword);
    await this.users.markEmailVerified(user._id);
    await this.throttle.clear(user.email);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} reset their password`,
      actorId: user._id,
      userId: user._id,
    });
    return true;
  }

  /** Changes the caller's password (the current one required) and returns a fresh token. */
  async changePassword(viewer: Viewer, currentPassword: string, newPassword: string, ip: string) {
    const user = await this.requireUser(viewer);
    await this.throttle.begin(user.email, ip);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.throttle.failed(user.email, ip);
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(user.email, ip);
    const updated = await this.users.changePassword(user, newPassword);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} changed their password`,
      actorId: user._id,
      userId: user._id,
    });
    return { token: this.auth.issueToken(updated), user: updated };
  }

  /** A new TOTP secret for the caller, active once confirmed with `enableTotp`. */
  async beginTotpSetup(viewer: Viewer): Promise<TotpSetupData> {
    const user = await this.requireUser(viewer);
    if (user.totpEnabled)
      throw new ConflictError("Two-factor authentication is already on. Turn it off first to set it up anew.");
    const setup = await this.totp.createSetup(user.email);
    await this.users.setPendingTotpSecret(user._id, setup.secret);
    return setup;
  }

  /** Turns 2FA on with a code from the app the secret was added to. */
  async enableTotp(viewer: Viewer, code: string): Promise<UserDocument> {
    const user = await this.requireUser(viewer);
    if (user.totpEnabled) throw new ConflictError("Two-factor authentication is already on.");
    if (user.totpSecret === null) throw new ConflictError("Start the two-factor setup first.");
    if (!(await this.totp.acceptCode(user, code.trim()))) throw new TotpInvalidError();
    const updated = await this.users.setTotpEnabled(user._id, true);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} turned on 2FA`,
      actorId: user._id,
      userId: user._id,
    });
    return updated;
  }

  /** Turns 2FA off; needs the password and a current code (guesses are throttled like logins). */
  async disableTotp(viewer: Viewer, password: string, code: string, ip: string): Promise<UserDocument> {
    const user = await this.requireUser(viewer);
    if (!user.totpEnabled) throw new ConflictError("Two-factor authentication is not on.");
    await this.throttle.begin(user.email, ip);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.throttle.failed(user.email, ip);
      throw new InvalidCredentialsError();
    }
    if (!(await this.totp.acceptCode(user, code.trim()))) {
      await this.throttle.failed(user.email, ip);
      throw new TotpInvalidError();
    }
    await this.throttle.succeeded(user.email, ip);
    const updated = await this.users.setTotpEnabled(user._id, false);
    await this.logs.record({
      type: LogType.AUTH,
      message: `${user.email} turned off 2FA`,
      actorId: user._id,
      userId: user._id,
    });
    return updated;
  }

  private async sendVerification(user: UserDocument): Promise<void> {
    const token = await this.oneTimeTokens.issue(user._id, TokenPurpose.VERIFY_EMAIL);
    this.outbox.enqueue(verificationMail(user.email, user.name, this.link("/verify-email", token)));
  }

  private link(path: string, token: string): string {
    return `${this.publicUrl()}${path}?token=${encodeURIComponent(token)}`;
  }

  private async requireUser(viewer: Viewer): Promise<UserDocument> {
    const user = await this.users.findActiveById(viewer.id);
    if (user === null) throw new NotFoundError("User", viewer.id);
    return user;
  }
}
