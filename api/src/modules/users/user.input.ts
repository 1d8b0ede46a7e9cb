import { Field, InputType } from "type-graphql";
import { SafeIntScalar } from "../../graphql/scalars";
import { CustomerTier } from "./role";

@InputType()
export class CreateCustomerInput {
  @Field()
  name: string;

  @Field()
  email: string;

  @Field()
  password: string;

  @Field(() => CustomerTier, { nullable: true, defaultValue: CustomerTier.STANDARD })
  tier?: CustomerTier | null;

  @Field(() => SafeIntScalar, { nullable: true, defaultValue: 0 })
  budgetCents?: number | null;
}

@InputType()
export class UserFilter {
  @Field(() => CustomerTier, { nullable: true })
  tier?: CustomerTier | null;

  @Field(() => String, { nullable: true })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Also list the load-test accounts of generateRandomOrders (left out by default).",
  })
  includeTestAccounts?: boolean | null;
}
