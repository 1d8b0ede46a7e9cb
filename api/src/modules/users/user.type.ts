import { Field, ID, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection";
import { SafeIntScalar } from "../../graphql/scalars";
import { CustomerTier, Role } from "./role";

@ObjectType({ description: "A person with an account: an ADMIN or a CUSTOMER." })
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => Role)
  role: Role;

  @Field(() => CustomerTier)
  tier: CustomerTier;

  @Field(() => SafeIntScalar, {
    description: "Available budget: what new orders can spend (approved, unshipped orders are already taken out).",
  })
  budgetCents: number;

  @Field(() => SafeIntScalar, {
    description: "Sum of APPROVED, SHIPPED and DELIVERED orders (cancelled ones refunded).",
  })
  totalSpentCents: number;

  @Field()
  emailVerified: boolean;

  @Field({
    description: "A load-test account made by generateRandomOrders: it cannot log in, and is never a real customer.",
  })
  testAccount: boolean;

  @Field()
  totpEnabled: boolean;

  @Field({ description: "Two-factor authentication was chosen and waits for a first code to turn it on." })
  totpPending: boolean;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  deletedAt: Date | null;
}

@ObjectType()
export class UserConnection extends ConnectionType(User) {}
