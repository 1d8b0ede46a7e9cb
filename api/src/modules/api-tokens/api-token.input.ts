import { Field, InputType } from "type-graphql";

@InputType()
export class CreateApiTokenInput {
  @Field({ description: "What it is for, e.g. `Warehouse`." })
  name: string;

  @Field(() => [String], { description: "At least one scope: see `apiScopes`." })
  scopes: string[];

  @Field(() => Date, { nullable: true, description: "When it stops working; null or absent: never." })
  expiresAt?: Date | null;
}
