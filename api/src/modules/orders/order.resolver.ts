import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from "type-graphql";
import type { Context } from "../../graphql/context";
import { Scope } from "../../graphql/scopes";
import { signedIn } from "../../graphql/viewer";
import { Topic } from "../../pubsub/pubsub";
import { Product, type ProductView } from "../products";
import { Role, User, type UserDocument } from "../users";
import { OrderStatus } from "./order-status";
import { OrderFilter, PlaceOrderInput } from "./order.input";
import { OrderService } from "./order.service";
import { Order, OrderConnection, OrderItem, QueueStanding, SchedulerStats } from "./order.type";
import type { QueuePositions } from "./queue-positions";
import type { OrderLineView, OrderView } from "./order.view";

/** This instance's scheduler figures (the rest come from the database). */
export type LocalSchedulerStats = () => { concurrency: number };

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    private readonly orderService: OrderService,
    private readonly localStats: LocalSchedulerStats,
    private readonly queue: QueuePositions,
  ) {}

  @Scope("orders:read")
  @Authorized()
  @Query(() => OrderConnection, { description: "ADMIN: all orders; CUSTOMER: own orders. Newest first." })
  orders(
    @Arg("filter", () => OrderFilter, { nullable: true }) filter: OrderFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() { viewer }: Context,
  ) {
    return this.orderService.list(signedIn(viewer), filter, { first, after });
  }

  @Scope("orders:read")
  @Authorized()
  @Query(() => Order, { nullable: true, description: "Its customer or ADMIN." })
  order(@Arg("id", () => ID) id: string, @Ctx() { viewer }: Context): Promise<OrderView | null> {
    return this.orderService.get(signedIn(viewer), id);
  }

  @Scope("dashboard:read")
  @Authorized(Role.ADMIN)
  @Query(() => SchedulerStats)
  async schedulerStats(): Promise<SchedulerStats> {
    return { ...(await this.orderService.figures()), ...this.localStats() };
  }

  @Scope("orders:write")
  @Authorized()
  @Mutation(() => Order)
  placeOrder(
    @Arg("input", () => PlaceOrderInput) input: PlaceOrderInput,
    @Ctx() { viewer }: Context,
  ): Promise<OrderView> {
    return this.orderService.place(signedIn(viewer), input);
  }

  @Scope("orders:write")
  @Authorized()
  @Mutation(() => Order, { description: "Its customer (PENDING) or ADMIN (PENDING/APPROVED); PROCESSING → CONFLICT." })
  cancelOrder(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() { viewer }: Context,
  ): Promise<OrderView> {
    return this.orderService.cancel(signedIn(viewer), id, reason);
  }

  @Scope("fulfilment:write")
  @Authorized(Role.ADMIN)
  @Mutation(() => Order, { description: "ADMIN; APPROVED → SHIPPED → DELIVERED." })
  setFulfilmentStatus(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => OrderStatus) status: OrderStatus,
    @Ctx() { viewer }: Context,
  ): Promise<OrderView> {
    return this.orderService.setFulfilmentStatus(signedIn(viewer), id, status);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Int, {
    description:
      "Creates `count` random PENDING orders (1..10000) from random customers and products; returns how many.",
  })
  generateRandomOrders(@Arg("count", () => Int) count: number, @Ctx() { viewer }: Context): Promise<number> {
    return this.orderService.generateRandom(signedIn(viewer), count);
  }

  @Scope("orders:read")
  @Authorized()
  @Subscription(() => Order, {
    subscribe: ({ args, context }: { args: { orderId?: string | null }; context: Context }) => {
      const { viewer } = context;
      return context.pubSub.subscribe(Topic.ORDER_UPDATED, (order) => {
        if (viewer === null) return false;
        if (viewer.role !== Role.ADMIN && order.customerId !== viewer.id) return false;
        return args.orderId === undefined || args.orderId === null || args.orderId === order.id;
      });
    },
    description:
      "Every status change of an order: customers receive their own orders only, admins all; filter by orderId optionally.",
  })
  orderUpdated(
    @Root() order: OrderView,
    @Ctx() context: Context,
    @Arg("orderId", () => ID, { nullable: true }) _orderId: string | null,
  ): OrderView {
    context.loaders = context.freshLoaders();
    return order;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "PENDING: 1 + the PENDING orders ahead of it in the scheduler's global order (read at most a second ago); null otherwise.",
  })
  async queuePosition(@Root() order: OrderView): Promise<number | null> {
    return (await this.standing(order))?.queuePosition ?? null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: "PENDING: when it should be decided, from its position and the recent decision rate; null otherwise.",
  })
  async estimatedDecisionAt(@Root() order: OrderView): Promise<Date | null> {
    return (await this.standing(order))?.estimatedDecisionAt ?? null;
  }

  private standing(order: OrderView): Promise<QueueStanding | null> {
    if (order.status !== OrderStatus.PENDING) return Promise.resolve(null);
    return this.queue.standing(order.id, new Date(order.updatedAt));
  }

  @Authorized()
  @Subscription(() => [QueueStanding], {
    subscribe: ({ context }: { context: Context }) => context.queueStandings(signedIn(context.viewer).id),
    description:
      "Where each of the viewer's PENDING orders stands, and when it should be decided: at once, then whenever it changes, at most once a second.",
  })
  queueUpdated(@Root() standings: QueueStanding[]): QueueStanding[] {
    return standings;
  }

  @FieldResolver(() => User)
  async customer(@Root() order: OrderView, @Ctx() { loaders }: Context): Promise<UserDocument> {
    const customer = await loaders.users.load(order.customerId);
    if (customer === null) throw new Error(`order ${order.id} refers to a missing customer ${order.customerId}`);
    return customer;
  }

  @FieldResolver(() => Float, {
    description:
      "PENDING: the live priority score (tier base + waiting bonus); afterwards the score it had when the scheduler took it.",
  })
  priority(@Root() order: OrderView): number {
    return this.orderService.priorityOf(order);
  }
}

@Resolver(() => OrderItem)
export class OrderItemResolver {
  @FieldResolver(() => Product, {
    nullable: true,
    description: "Null once the product is deleted; name and price below are the snapshot taken at order time.",
  })
  async product(@Root() line: OrderLineView, @Ctx() { loaders }: Context): Promise<ProductView | null> {
    const product = await loaders.products.load(line.productId);
    return product === null || product.deletedAt !== null ? null : product;
  }
}

@Resolver(() => User)
export class UserOrdersResolver {
  constructor(private readonly orderService: OrderService) {}

  @Scope("orders:read")
  @FieldResolver(() => OrderConnection, { description: "This user's orders (own user or ADMIN only)." })
  orders(
    @Root() user: UserDocument,
    @Ctx() { viewer }: Context,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("status", () => [OrderStatus], { nullable: true }) status: OrderStatus[] | null,
  ) {
    return this.orderService.listForUser(signedIn(viewer), user.id, status, { first, after });
  }
}
