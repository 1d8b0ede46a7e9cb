import type { HydratedDocument, Model, QueryFilter, Types } from "mongoose";
import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { BadUserInputError } from "./errors";

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

/**
 * A value computed only if someone awaits it. GraphQL awaits a field's value only when the field
 * is selected, so a `totalCount` nobody asked for costs no query.
 */
export class Lazy<T> implements PromiseLike<T> {
  private started: Promise<T> | undefined;

  constructor(private readonly compute: () => Promise<T>) {}

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.started ??= this.compute();
    return this.started.then(onfulfilled, onrejected);
  }
}

/** A page of a list that grows without bound (newest first). */
export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when the field is selected. */
  totalCount: PromiseLike<number>;
}

/** Declares the GraphQL `<Name>Connection` type for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: PromiseLike<number>;
  }
  return ConnectionClass;
}

export interface PageArgs {
  /** 1..100; null or undefined: the default. */
  readonly first?: number | null;
  readonly after?: string | null;
}

interface Cursor {
  readonly at: number;
  readonly id: string;
}

const MAX_PAGE = 100;

/** The page size asked for, checked: 1..100, null meaning the default. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE} (got ${first}).`, "first");
  }
  return first;
}

export function encodeCursor(at: Date, id: Types.ObjectId): string {
  return Buffer.from(JSON.stringify({ at: at.getTime(), id: id.toHexString() } satisfies Cursor)).toString("base64url");
}

/** The position an opaque cursor stands for; BAD_USER_INPUT when it was not made by us. */
export function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Cursor>;
    if (
      typeof parsed.at === "number" &&
      Number.isFinite(parsed.at) &&
      typeof parsed.id === "string" &&
      /^[0-9a-f]{24}$/.test(parsed.id)
    ) {
      return { at: parsed.at, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new BadUserInputError("after is not a cursor this API returned.", "after");
}

/** How a list pages: its default page size and the time field it is sorted by (newest first). */
export interface PageOptions<T> {
  readonly defaultSize: number;
  readonly timeField: keyof T & string;
}

/**
 * One page of `model` matching `filter`, newest first by `timeField` with `_id` breaking ties,
 * plus the total count of matches: one query for the page, and one more only if `totalCount` is
 * read.
 */
export async function paginate<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  filter: QueryFilter<T>,
  args: PageArgs,
  options: PageOptions<T>,
): Promise<Connection<HydratedDocument<T>>> {
  const { size, pageFilter } = pageQuery(filter, args, options);
  const rows = await model
    .find(pageFilter)
    .sort({ [options.timeField]: -1, _id: -1 })
    .limit(size + 1)
    .exec();
  return toConnection(rows, size, options.timeField, () => model.countDocuments(filter).exec());
}

/**
 * `paginate` returning plain objects with only the fields of `projection` (and `_id`): for lists
 * read often whose documents carry more than the list shows, without building mongoose documents.
 */
export async function paginateLean<T extends { _id: Types.ObjectId }, K extends keyof T & string>(
  model: Model<T>,
  filter: QueryFilter<T>,
  args: PageArgs,
  options: PageOptions<T> & {
    readonly fields: readonly K[];
    /** How to count the matches, when not by counting them in the database each time. */
    readonly count?: () => Promise<number>;
  },
): Promise<Connection<Pick<T, K | "_id">>> {
  const { size, pageFilter } = pageQuery(filter, args, options);
  const projection = Object.fromEntries([...options.fields, options.timeField].map((field) => [field, 1]));
  const rows = await model
    .find(pageFilter, projection)
    .sort({ [options.timeField]: -1, _id: -1 })
    .limit(size + 1)
    .lean<Array<Pick<T, K | "_id">>>()
    .exec();
  return toConnection(rows, size, options.timeField, options.count ?? (() => model.countDocuments(filter).exec()));
}

function pageQuery<T>(filter: QueryFilter<T>, args: PageArgs, options: PageOptions<T>) {
  const size = pageSize(args.first, options.defaultSize);
  const field = options.timeField;
  if (args.after === null || args.after === undefined) return { size, pageFilter: filter };
  const { at, id } = decodeCursor(args.after);
  const time = new Date(at);
  const pageFilter = {
    $and: [filter, { $or: [{ [field]: { $lt: time } }, { [field]: time, _id: { $lt: id } }] }],
  } as QueryFilter<T>;
  return { size, pageFilter };
}

function toConnection<R extends { _id: Types.ObjectId }>(
  rows: R[],
  size: number,
  timeField: string,
  count: () => Promise<number>,
): Connection<R> {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount: new Lazy(count),
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor:
        last === undefined ? null : encodeCursor((last as Record<string, unknown>)[timeField] as Date, last._id),
    },
  };
}
