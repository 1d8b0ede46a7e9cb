import { getModelForClass, index, modelOptions, prop, type DocumentType } from "@typegoose/typegoose";
import { Types } from "mongoose";

/**
 * An API token, stored only as the SHA-256 of its secret: the token itself is shown once, when it
 * is created. A request's token is found by its hash (unique index), so nothing compares secrets.
 */
@modelOptions({
  schemaOptions: { collection: "api_tokens", versionKey: false },
  options: { customName: "ApiToken" },
})
@index({ hash: 1 }, { unique: true })
@index({ createdAt: -1 })
export class ApiTokenEntity {
  _id!: Types.ObjectId;

  /** SHA-256 of the whole token (`of_…`), hex. */
  @prop({ required: true })
  hash!: string;

  @prop({ required: true, trim: true })
  name!: string;

  @prop({ type: () => [String], default: [] })
  scopes!: string[];

  /** The admin who created it; the token acts as this admin, within its scopes. */
  @prop({ required: true })
  createdBy!: Types.ObjectId;

  @prop({ required: true })
  createdAt!: Date;

  @prop({ type: Date, default: null })
  expiresAt!: Date | null;

  /** Written at most about once a minute per token, not on every request. */
  @prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @prop({ type: Date, default: null })
  revokedAt!: Date | null;

  /** The rate limit's bucket: when it is full again, in ms (see db/rate-buckets.ts). */
  @prop({ type: () => Number, default: null })
  rateTat!: number | null;
}

export type ApiTokenDocument = DocumentType<ApiTokenEntity>;
export const ApiTokenModel = getModelForClass(ApiTokenEntity);
