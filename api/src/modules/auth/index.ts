export { AccountService } from "./account.service";
export { createAuthModule, type AuthModule, type AuthModuleOptions } from "./auth.module";
export { AuthResolver } from "./auth.resolver";
export { AuthService } from "./auth.service";
export { LoginThrottleService, type LoginThrottleOptions } from "./login-throttle.service";
export { OneTimeTokenService } from "./one-time-token.service";
export { TokenService, type TokenClaims } from "./token.service";
export { TotpService } from "./totp.service";
