import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../graphql/connection";
import { JSONObjectScalar } from "../../graphql/scalars";
import { LogLevel, LogType } from "./log-type";

@ObjectType({ description: "One event of the event log." })
export class LogEntry {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field(() => LogType)
  type: LogType;

  @Field(() => LogLevel)
  level: LogLevel;

  @Field()
  message: string;

  @Field(() => ID, { nullable: true })
  orderId: string | null;

  @Field(() => ID, { nullable: true })
  productId: string | null;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field(() => JSONObjectScalar, { nullable: true })
  data: Record<string, unknown> | null;
}

@ObjectType()
export class LogConnection extends ConnectionType(LogEntry) {}

@InputType()
export class LogFilter {
  @Field(() => [LogType], { nullable: true })
  types?: LogType[] | null;

  @Field(() => [LogLevel], { nullable: true })
  levels?: LogLevel[] | null;

  @Field(() => Date, { nullable: true })
  since?: Date | null;
}
