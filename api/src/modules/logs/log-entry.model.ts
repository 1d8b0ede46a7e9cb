import { getModelForClass, index, modelOptions, prop, Severity, type DocumentType } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { LogLevel, LogType } from "./log-type";

/** One event of the event log (SPEC §5). Never holds a secret: LogService scrubs `data`. */
@modelOptions({
  schemaOptions: { collection: "logs", versionKey: false },
  options: { customName: "LogEntry", allowMixed: Severity.ALLOW },
})
// The log list, newest first, unfiltered or by type or by level (test/indexes.test.ts).
@index({ at: -1, _id: -1 })
@index({ type: 1, at: -1, _id: -1 })
@index({ level: 1, at: -1, _id: -1 })
export class LogEntryEntity {
  _id!: Types.ObjectId;

  @prop({ required: true })
  at!: Date;

  @prop({ required: true, enum: LogType, type: String })
  type!: LogType;

  @prop({ required: true, enum: LogLevel, type: String })
  level!: LogLevel;

  @prop({ required: true })
  message!: string;

  @prop({ type: Types.ObjectId, default: null })
  actorId!: Types.ObjectId | null;

  @prop({ type: Types.ObjectId, default: null })
  orderId!: Types.ObjectId | null;

  @prop({ type: Types.ObjectId, default: null })
  productId!: Types.ObjectId | null;

  @prop({ type: Types.ObjectId, default: null })
  userId!: Types.ObjectId | null;

  @prop({ type: () => Object, default: null })
  data!: Record<string, unknown> | null;
}

export type LogEntryDocument = DocumentType<LogEntryEntity>;
export const LogEntryModel = getModelForClass(LogEntryEntity);
