import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection";
import { SafeIntScalar } from "../../graphql/scalars";
import { OrderRejectionCode } from "./order-rejection";
import { OrderStatus } from "./order-status";

@ObjectType()
export class OrderItem {
  @Field(() => ID)
  productId: string;

  @Field()
  productName: string;

  @Field(() => SafeIntScalar)
  unitPriceCents: number;

  @Field(() => Int)
  quantity: number;

  @Field(() => SafeIntScalar)
  lineTotalCents: number;
}

@ObjectType({
  description:
    "Why the scheduler rejected an order, for programs: a code and the figures that decided it (null where they do not apply).",
})
export class OrderRejection {
  @Field(() => OrderRejectionCode)
  code: OrderRejectionCode;

  @Field(() => ID, { nullable: true, description: "INSUFFICIENT_STOCK, PRODUCT_DELETED: the line's product." })
  productId: string | null;

  @Field(() => String, { nullable: true, description: "INSUFFICIENT_STOCK, PRODUCT_DELETED: its name at order time." })
  productName: string | null;

  @Field(() => Int, { nullable: true, description: "INSUFFICIENT_STOCK: the units the line wanted." })
  requestedQuantity: number | null;

  @Field(() => Int, { nullable: true, description: "INSUFFICIENT_STOCK: the units available then." })
  availableQuantity: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: "INSUFFICIENT_BUDGET: the order's total, in cents." })
  requiredCents: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "INSUFFICIENT_BUDGET: the budget available then, in cents.",
  })
  availableCents: number | null;
}

@ObjectType({ description: "A customer's order of one or more lines." })
export class Order {
  @Field(() => ID)
  id: string;

  @Field(() => [OrderItem])
  items: OrderItem[];

  @Field(() => SafeIntScalar)
  totalCents: number;

  @Field(() => OrderStatus)
  status: OrderStatus;

  @Field(() => String, { nullable: true, description: "Why it was rejected or cancelled; null otherwise." })
  reason: string | null;

  @Field(() => OrderRejection, {
    nullable: true,
    description: "REJECTED: the reason as a code and figures, for programs; null otherwise (and on older orders).",
  })
  rejection: OrderRejection | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  processedAt: Date | null;

  @Field()
  updatedAt: Date;

  @Field({ description: "Placed by generateRandomOrders for a load-test account, not by a person." })
  generated: boolean;
}

@ObjectType()
export class OrderConnection extends ConnectionType(Order) {}

@ObjectType({
  description: "Figures over the whole database (all instances), except `concurrency`, which is this instance's.",
})
export class SchedulerStats {
  @Field(() => Int)
  queued: number;

  @Field(() => Int)
  inFlight: number;

  @Field(() => Int)
  concurrency: number;

  @Field(() => Int)
  processedTotal: number;

  @Field(() => Int)
  approvedTotal: number;

  @Field(() => Int)
  rejectedTotal: number;

  @Field(() => Float, {
    nullable: true,
    description: "Mean time from PENDING to APPROVED/REJECTED of the orders decided in the last 60 minutes, per tier.",
  })
  meanWaitMsPremium: number | null;

  @Field(() => Float, { nullable: true })
  meanWaitMsStandard: number | null;
}

@ObjectType({ description: "Where one of the viewer's PENDING orders stands in the scheduler's queue." })
export class QueueStanding {
  @Field(() => ID)
  orderId: string;

  @Field(() => Int, { description: "1 + the PENDING orders ahead of it in the scheduler's global order." })
  queuePosition: number;

  @Field(() => Date, {
    nullable: true,
    description: "From the position and the recent decision rate; null while no decision was made lately.",
  })
  estimatedDecisionAt: Date | null;
}
