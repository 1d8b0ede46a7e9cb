import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../graphql/context";
import { Scope } from "../../graphql/scopes";
import { Topic } from "../../pubsub/pubsub";
import { Role, User, type UserDocument } from "../users";
import { LogConnection, LogEntry, LogFilter } from "./log-entry.type";
import { LogType } from "./log-type";
import { LogService, type LogView } from "./log.service";

@Resolver(() => LogEntry)
export class LogResolver {
  constructor(private readonly logService: LogService) {}

  @Scope("logs:read")
  @Authorized(Role.ADMIN)
  @Query(() => LogConnection, { description: "The event log, newest first. ADMIN." })
  logs(
    @Arg("filter", () => LogFilter, { nullable: true }) filter: LogFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.logService.list(filter, { first, after });
  }

  @Scope("logs:read")
  @Authorized(Role.ADMIN)
  @Subscription(() => LogEntry, {
    subscribe: ({ args, context }: { args: { types?: LogType[] | null }; context: Context }) =>
      context.pubSub.subscribe(
        Topic.LOG_ADDED,
        (entry) =>
          context.viewer?.role === Role.ADMIN &&
          (!args.types || args.types.length === 0 || args.types.includes(entry.type as LogType)),
      ),
    description: "New log entries, optionally of some types only. ADMIN.",
  })
  logAdded(
    @Root() entry: LogView,
    @Ctx() context: Context,
    @Arg("types", () => [LogType], { nullable: true }) _types: LogType[] | null,
  ): LogView {
    context.loaders = context.freshLoaders();
    return entry;
  }

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() entry: LogView, @Ctx() { loaders }: Context): Promise<UserDocument | null> | null {
    return entry.actorId === null ? null : loaders.users.load(entry.actorId);
  }
}
