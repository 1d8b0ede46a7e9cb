import { Field, ID, InputType, Int } from "type-graphql";
import { OrderStatus } from "./order-status";

@InputType()
export class OrderLineInput {
  @Field(() => ID)
  productId: string;

  @Field(() => Int)
  quantity: number;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => [OrderLineInput])
  items: OrderLineInput[];

  @Field(() => ID, {
    nullable: true,
    description: "Admins may order on behalf of a customer; customers always order for themselves.",
  })
  customerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Same key from the same customer returns the first order instead of creating another.",
  })
  idempotencyKey?: string | null;
}

@InputType()
export class OrderFilter {
  @Field(() => [OrderStatus], { nullable: true })
  status?: OrderStatus[] | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;
}
