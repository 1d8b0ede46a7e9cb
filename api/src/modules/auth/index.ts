export { AuthService } from "./auth.service";
export { TokenService, type TokenClaims } from "./token.service";
