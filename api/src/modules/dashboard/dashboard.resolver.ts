import { Authorized, Ctx, Query, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../graphql/context";
import { Scope } from "../../graphql/scopes";
import { Topic } from "../../pubsub/pubsub";
import { Role } from "../users";
import { DashboardService } from "./dashboard.service";
import { Dashboard } from "./dashboard.type";

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(private readonly dashboardService: DashboardService) {}

  @Scope("dashboard:read")
  @Authorized(Role.ADMIN)
  @Query(() => Dashboard, { description: "ADMIN." })
  dashboard(): Promise<Dashboard> {
    return this.dashboardService.current();
  }

  @Scope("dashboard:read")
  @Authorized(Role.ADMIN)
  @Subscription(() => Dashboard, {
    subscribe: ({ context }: { context: Context }) =>
      context.pubSub.subscribe(Topic.DASHBOARD_UPDATED, () => context.viewer?.role === Role.ADMIN),
    description: "Dashboard figures, at most once per second while something changes. ADMIN.",
  })
  dashboardUpdated(@Root() dashboard: Dashboard, @Ctx() context: Context): Dashboard {
    context.loaders = context.freshLoaders();
    return dashboard;
  }
}
