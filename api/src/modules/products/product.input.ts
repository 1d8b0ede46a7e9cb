import { Field, InputType, Int } from "type-graphql";
import { SafeIntScalar } from "../../graphql/scalars";

@InputType()
export class ProductInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true, defaultValue: "" })
  description?: string | null;

  @Field(() => SafeIntScalar)
  priceCents: number;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  stock?: number | null;
}

@InputType()
export class ProductUpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => SafeIntScalar, { nullable: true })
  priceCents?: number | null;
}
