import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
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
import { SafeIntScalar } from "../../graphql/scalars";
import { startWith, Topic, type UserUpdatedEvent } from "../../pubsub/pubsub";
import { CustomerService } from "./customer.service";
import { CustomerTier, Role } from "./role";
import { CreateCustomerInput, UserFilter } from "./user.input";
import type { UserDocument } from "./user.model";
import { UserService } from "./user.service";
import { User, UserConnection } from "./user.type";
import { assertMayReadPrivateFields } from "./visibility";

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly userService: UserService,
    private readonly customers: CustomerService,
  ) {}

  @Query(() => User, { nullable: true, description: "The logged-in user; null when anonymous." })
  me(@Ctx() { viewer, sessionUser }: Context): Promise<UserDocument | null> {
    if (viewer === null) return Promise.resolve(null);
    // A query runs no writes: the user read to verify the token an instant ago is current.
    return sessionUser !== undefined ? Promise.resolve(sessionUser) : this.userService.findActiveById(viewer.id);
  }

  @Scope("customers:read")
  @Authorized(Role.ADMIN)
  @Query(() => UserConnection, { description: "Active users, newest first. ADMIN." })
  users(
    @Arg("filter", () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.customers.list(filter, { first, after });
  }

  @Scope("customers:read")
  @Authorized()
  @Query(() => User, { nullable: true, description: "A user by id. ADMIN, or the user itself." })
  user(@Arg("id", () => ID) id: string, @Ctx() { viewer }: Context): Promise<UserDocument | null> {
    return this.userService.getVisible(signedIn(viewer), id);
  }

  @Authorized()
  @Mutation(() => User)
  updateProfile(@Arg("name") name: string, @Ctx() { viewer }: Context): Promise<UserDocument> {
    return this.userService.updateProfile(signedIn(viewer), name);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: "ADMIN. The new customer's email counts as verified." })
  createCustomer(@Arg("input", () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() { viewer }: Context) {
    return this.customers.create(signedIn(viewer), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: "ADMIN. Soft delete; cancels the customer's PENDING orders." })
  deleteCustomer(@Arg("id", () => ID) id: string, @Ctx() { viewer }: Context): Promise<boolean> {
    return this.customers.delete(signedIn(viewer), id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: "ADMIN. Sets the available budget." })
  setBudget(
    @Arg("userId", () => ID) userId: string,
    @Arg("budgetCents", () => SafeIntScalar) budgetCents: number,
    @Ctx() { viewer }: Context,
  ) {
    return this.customers.setBudget(signedIn(viewer), userId, budgetCents);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: "ADMIN. Never below zero." })
  adjustBudget(
    @Arg("userId", () => ID) userId: string,
    @Arg("deltaCents", () => SafeIntScalar) deltaCents: number,
    @Ctx() { viewer }: Context,
  ) {
    return this.customers.adjustBudget(signedIn(viewer), userId, deltaCents);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User)
  setTier(
    @Arg("userId", () => ID) userId: string,
    @Arg("tier", () => CustomerTier) tier: CustomerTier,
    @Ctx() { viewer }: Context,
  ) {
    return this.customers.setTier(signedIn(viewer), userId, tier);
  }

  @Authorized()
  @Subscription(() => User, {
    // Only the subscriber's own account: the filter runs on the server for every event. The first
    // event is the account as it is, so a socket that was away (a restart, a password change)
    // misses nothing.
    subscribe: ({ context }: { context: Context }) => {
      const own = signedIn(context.viewer).id;
      return startWith(
        { userId: own },
        context.pubSub.subscribe(Topic.USER_UPDATED, (e) => e.userId === own),
      );
    },
    description:
      "The logged-in user's own account: as it is on subscribing, then whenever it changes as they see it (budget, total spent, tier, name, 2FA). Logged in.",
  })
  viewerUpdated(@Root() event: UserUpdatedEvent, @Ctx() context: Context): Promise<UserDocument> {
    context.loaders = context.freshLoaders();
    return this.userService.requireActive(event.userId);
  }

  @Scope("customers:read")
  @FieldResolver(() => String)
  email(@Root() user: UserDocument, @Ctx() { viewer }: Context): string {
    assertMayReadPrivateFields(viewer, user);
    return user.email;
  }

  @Scope("customers:read")
  @FieldResolver(() => SafeIntScalar)
  budgetCents(@Root() user: UserDocument, @Ctx() { viewer }: Context): number {
    assertMayReadPrivateFields(viewer, user);
    return user.budgetCents;
  }

  @Scope("customers:read")
  @FieldResolver(() => SafeIntScalar)
  totalSpentCents(@Root() user: UserDocument, @Ctx() { viewer }: Context): number {
    assertMayReadPrivateFields(viewer, user);
    return user.totalSpentCents;
  }
}
