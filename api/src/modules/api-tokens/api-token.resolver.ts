import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context";
import { signedIn } from "../../graphql/viewer";
import { Role } from "../users";
import { CreateApiTokenInput } from "./api-token.input";
import type { ApiTokenDocument } from "./api-token.model";
import { ApiTokenService, type CreatedToken } from "./api-token.service";
import { ApiScopeInfo, ApiToken, CreatedApiToken } from "./api-token.type";

// No @Scope on any of these: API tokens can never create, list or revoke tokens.
@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(private readonly service: ApiTokenService) {}

  @Authorized(Role.ADMIN)
  @Query(() => [ApiToken], { description: "Every API token, newest first, revoked ones included. ADMIN (a person)." })
  apiTokens(@Ctx() { viewer }: Context): Promise<ApiTokenDocument[]> {
    return this.service.list(signedIn(viewer));
  }

  @Authorized(Role.ADMIN)
  @Query(() => [ApiScopeInfo], { description: "The scopes an API token can carry. ADMIN." })
  apiScopes(): ApiScopeInfo[] {
    return this.service.scopes();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiToken, {
    description: "ADMIN (a person). The token's secret is in the answer, and never again.",
  })
  createApiToken(
    @Arg("input", () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() { viewer }: Context,
  ): Promise<CreatedToken> {
    return this.service.create(signedIn(viewer), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiToken, { description: "ADMIN (a person). Refused at once on every instance; its sockets close." })
  revokeApiToken(@Arg("id", () => ID) id: string, @Ctx() { viewer }: Context): Promise<ApiTokenDocument> {
    return this.service.revoke(signedIn(viewer), id);
  }
}
