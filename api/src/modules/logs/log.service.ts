import { Types } from "mongoose";
import type { Clock } from "../../clock";
import { bulkWriteErrors } from "../../db/bulk-write-errors";
import { type Connection, paginate, type PageArgs } from "../../graphql/connection";
import { BadUserInputError } from "../../graphql/errors";
import type { Logger } from "../../logger";
import { Topic, type AppPubSub, type LogAddedEvent } from "../../pubsub/pubsub";
import { LogEntryModel, type LogEntryDocument, type LogEntryEntity } from "./log-entry.model";
import { LogLevel, LogType } from "./log-type";

/** What a module reports; ids as strings or ObjectIds. */
/** A log entry as the API shows it (and as `logAdded` publishes it). */
export type LogView = LogAddedEvent;

export interface LogListFilter {
  readonly types?: readonly LogType[] | null;
  readonly levels?: readonly LogLevel[] | null;
  readonly since?: Date | null;
}

export interface LogInput {
  readonly type: LogType;
  /** @default LogLevel.INFO */
  readonly level?: LogLevel;
  readonly message: string;
  readonly actorId?: string | Types.ObjectId | null;
  readonly orderId?: string | Types.ObjectId | null;
  readonly productId?: string | Types.ObjectId | null;
  readonly userId?: string | Types.ObjectId | null;
  readonly data?: Record<string, unknown>;
  /** When it happened, when not now (an effect written after its event). */
  readonly at?: Date;
}

/** Keys whose values never enter the log, whatever a caller passes. */
const SECRET_KEY = /pass|secret|token|hash|authorization|cookie/i;

/** Writes the event log that admins search and watch live. Every module reports through it. */
export class LogService {
  constructor(
    private readonly pubSub: AppPubSub,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores one entry and publishes it. Never throws: a failed write is reported to the process
   * log, and the caller's work stands.
   */
  async record(input: LogInput): Promise<void> {
    try {
      const entry = await LogEntryModel.create(this.toEntry(input));
      this.pubSub.publish(Topic.LOG_ADDED, toLogView(entry));
    } catch (error) {
      this.logger.error(
        { err: error, entry: { type: input.type, message: input.message } },
        "could not write a log entry",
      );
    }
  }

  private toEntry(input: LogInput) {
    return {
      at: input.at ?? this.clock.now(),
      type: input.type,
      level: input.level ?? LogLevel.INFO,
      message: input.message,
      actorId: toObjectId(input.actorId),
      orderId: toObjectId(input.orderId),
      productId: toObjectId(input.productId),
      userId: toObjectId(input.userId),
      data: input.data === undefined ? null : scrub(input.data),
    };
  }

  /** Entries newest first, by types, levels and time. */
  async list(filter: LogListFilter | null | undefined, page: PageArgs): Promise<Connection<LogView>> {
    const query: Record<string, unknown> = {};
    if (filter?.types && filter.types.length > 0) query["type"] = { $in: [...filter.types] };
    if (filter?.levels && filter.levels.length > 0) query["level"] = { $in: [...filter.levels] };
    if (filter?.since) {
      if (Number.isNaN(filter.since.getTime())) throw new BadUserInputError("since is not a valid time.", "since");
      query["at"] = { $gte: filter.since };
    }
    const result = await paginate<LogEntryEntity & { _id: Types.ObjectId }>(LogEntryModel, query, page, {
      defaultSize: 50,
      timeField: "at",
    });
    return { ...result, nodes: (result.nodes as LogEntryDocument[]).map(toLogView) };
  }

  /**
   * Stores the entry under a fixed id unless it exists, and publishes it only when this call wrote
   * it: however often a crash makes callers repeat it, the entry is there once.
   * @returns true when the entry is stored (now or before); false when the write failed.
   */
  async recordOnce(id: Types.ObjectId, input: LogInput): Promise<boolean> {
    const [stored] = await this.recordManyOnce([{ id, input }]);
    return stored === true;
  }

  /**
   * `recordOnce` for several entries in one command: each is stored under its fixed id unless it
   * exists, and published only when this call wrote it.
   * @returns per entry, in order: true when it is stored (now or before), false when its write failed.
   */
  async recordManyOnce(entries: ReadonlyArray<{ id: Types.ObjectId; input: LogInput }>): Promise<boolean[]> {
    const docs = entries.map(({ id, input }) => ({ _id: id, ...this.toEntry(input) }));
    const failed = new Map<number, boolean>(); // index → whether it was there already
    try {
      await LogEntryModel.collection.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = bulkWriteErrors(error);
      if (writeErrors === null) {
        this.logger.error({ err: error, entries: docs.length }, "could not write log entries");
        return docs.map(() => false);
      }
      for (const { index, code } of writeErrors) failed.set(index, code === 11000);
      const others = writeErrors.filter((e) => e.code !== 11000);
      if (others.length > 0) this.logger.error({ errors: others }, "could not write some log entries");
    }
    docs.forEach((doc, i) => {
      if (!failed.has(i)) this.pubSub.publish(Topic.LOG_ADDED, toLogView(doc));
    });
    return docs.map((_, i) => failed.get(i) ?? true);
  }

  /** Removes entries older than `days` (the retention job; the embedded server has no TTL indexes). */
  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    const result = await LogEntryModel.deleteMany({ at: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }
}

function toLogView(entry: LogEntryEntity): LogView {
  return {
    id: entry._id.toHexString(),
    at: entry.at.toISOString(),
    type: entry.type,
    level: entry.level,
    message: entry.message,
    actorId: entry.actorId?.toHexString() ?? null,
    orderId: entry.orderId?.toHexString() ?? null,
    productId: entry.productId?.toHexString() ?? null,
    userId: entry.userId?.toHexString() ?? null,
    data: entry.data,
  };
}

function toObjectId(id: string | Types.ObjectId | null | undefined): Types.ObjectId | null {
  if (id === null || id === undefined) return null;
  if (id instanceof Types.ObjectId) return id;
  return Types.ObjectId.isValid(id) && id.length === 24 ? new Types.ObjectId(id) : null;
}

/** A copy of `data` without any key that could hold a secret, at any depth. */
export function scrub(data: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value !== null && typeof value === "object" && !(value instanceof Date) && !(value instanceof Types.ObjectId)) {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => !SECRET_KEY.test(key))
          .map(([key, inner]) => [key, clean(inner)]),
      );
    }
    return value;
  };
  return clean(data) as Record<string, unknown>;
}
