import { Field, Int, ObjectType } from "type-graphql";
import { SafeIntScalar } from "../../graphql/scalars";
// The orders module's files, not its index.ts: the pub/sub types its events with this file, and
// the orders module's services import the pub/sub.
import { OrderStatus } from "../orders/order-status";
import { SchedulerStats } from "../orders/order.type";

@ObjectType()
export class StatusCount {
  @Field(() => OrderStatus)
  status: OrderStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class ThroughputPoint {
  @Field()
  minute: Date;

  @Field(() => Int)
  approved: number;

  @Field(() => Int)
  rejected: number;
}

@ObjectType()
export class Dashboard {
  @Field(() => Int)
  customerCount: number;

  @Field(() => Int)
  premiumCustomerCount: number;

  @Field(() => Int)
  productCount: number;

  @Field(() => Int)
  orderCount: number;

  @Field(() => SafeIntScalar)
  revenueCents: number;

  @Field(() => [StatusCount])
  ordersByStatus: StatusCount[];

  @Field(() => [ThroughputPoint], { description: "Approved/rejected per minute, oldest first, last 60 minutes." })
  throughput: ThroughputPoint[];

  @Field(() => SchedulerStats)
  scheduler: SchedulerStats;
}
