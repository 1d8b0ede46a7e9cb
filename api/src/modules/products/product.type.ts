import { Field, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection";
import { SafeIntScalar } from "../../graphql/scalars";

@ObjectType({ description: "Something to sell, with its price and available stock." })
export class Product {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => SafeIntScalar)
  priceCents: number;

  @Field(() => Int, { description: "Available units: what new orders can take." })
  stock: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  deletedAt: Date | null;
}

@ObjectType()
export class ProductConnection extends ConnectionType(Product) {}
