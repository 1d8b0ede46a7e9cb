import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "An API token: its secret is shown once, at creation, and stored only as a hash." })
export class ApiToken {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [String], { description: "What it may do: see `apiScopes`." })
  scopes: string[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "Refused from then on; null: never expires." })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: "About when it was last used (written at most once a minute)." })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType({ description: "A new API token: `token` is its secret, shown this once only." })
export class CreatedApiToken {
  @Field()
  token: string;

  @Field(() => ApiToken)
  apiToken: ApiToken;
}

@ObjectType({ description: "A scope an API token can carry, and what it allows." })
export class ApiScopeInfo {
  @Field({ description: "e.g. `orders:read`" })
  name: string;

  @Field()
  description: string;
}
