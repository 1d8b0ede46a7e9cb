import { getModelForClass, index, modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";

export enum TokenPurpose {
  VERIFY_EMAIL = "VERIFY_EMAIL",
  RESET_PASSWORD = "RESET_PASSWORD",
}

/** A mailed single-use token, stored only as its SHA-256 hash. */
@modelOptions({
  schemaOptions: { collection: "one_time_tokens", versionKey: false },
  options: { customName: "OneTimeToken" },
})
@index({ userId: 1, purpose: 1 })
@index({ expiresAt: 1 })
export class OneTimeTokenEntity {
  /** SHA-256 of the token, hex. */
  @prop({ required: true })
  _id!: string;

  @prop({ required: true })
  userId!: Types.ObjectId;

  @prop({ required: true, enum: TokenPurpose, type: String })
  purpose!: TokenPurpose;

  @prop({ required: true })
  expiresAt!: Date;

  @prop({ type: Date, default: null })
  usedAt!: Date | null;
}

export const OneTimeTokenModel = getModelForClass(OneTimeTokenEntity);
