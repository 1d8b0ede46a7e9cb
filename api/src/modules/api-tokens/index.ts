export { ApiTokenResolver } from "./api-token.resolver";
export {
  API_TOKEN_PREFIX,
  ApiTokenService,
  hashApiToken,
  isApiToken,
  type ApiTokenOptions,
  type CreatedToken,
} from "./api-token.service";
export { ApiTokenModel, type ApiTokenDocument } from "./api-token.model";
