import type { Clock } from "../../clock";
import type { MailOutbox } from "../../mail/outbox";
import type { ApiTokenService } from "../api-tokens";
import type { LogService } from "../logs";
import type { CustomerService, UserService } from "../users";
import { AccountService } from "./account.service";
import { AuthResolver } from "./auth.resolver";
import { AuthService } from "./auth.service";
import { LoginThrottleService, type LoginThrottleOptions } from "./login-throttle.service";
import { OneTimeTokenService } from "./one-time-token.service";
import { TokenService } from "./token.service";
import { TotpService } from "./totp.service";

/** What the auth module is built on. */
export interface AuthModuleDeps {
  readonly users: UserService;
  readonly customers: CustomerService;
  readonly logs: LogService;
  readonly outbox: MailOutbox;
  readonly clock: Clock;
  /** Establishes the sessions of API tokens (`of_…`). */
  readonly apiTokens: ApiTokenService;
}

/** Options of {@link createAuthModule}. */
export interface AuthModuleOptions {
  /** Signs and verifies the access tokens. */
  readonly jwtSecret: string;
  readonly jwtExpiresInSec: number;
  /** @default 5 failures per account, 50 per address, in 15 minutes */
  readonly loginThrottle?: LoginThrottleOptions | undefined;
  /** The web client's address, for the links in mails; read when a mail is written. */
  readonly publicUrl: () => string;
}

/** The auth module: tokens, logins, accounts (registration, verification, resets, TOTP). */
export interface AuthModule {
  readonly tokens: TokenService;
  readonly auth: AuthService;
  readonly resolver: AuthResolver;
}

/** Builds the auth module's services and resolver. */
export function createAuthModule(deps: AuthModuleDeps, options: AuthModuleOptions): AuthModule {
  const { users, customers, logs, outbox, clock, apiTokens } = deps;
  const tokens = new TokenService({
    secret: options.jwtSecret,
    expiresInSec: options.jwtExpiresInSec,
    now: () => Math.floor(clock.now().getTime() / 1000),
  });
  const totp = new TotpService(users, clock);
  const throttle = new LoginThrottleService(clock, options.loginThrottle);
  const auth = new AuthService(tokens, users, totp, throttle, logs, apiTokens);
  const oneTimeTokens = new OneTimeTokenService(clock);
  // A deleted customer's mailed links stop working at once.
  customers.onCustomerDeleted((customerId) => oneTimeTokens.revokeAll(customerId));
  const accounts = new AccountService(users, auth, oneTimeTokens, totp, throttle, outbox, logs, options.publicUrl);
  return { tokens, auth, resolver: new AuthResolver(auth, accounts) };
}
