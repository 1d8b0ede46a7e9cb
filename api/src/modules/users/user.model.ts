import { getModelForClass, index, modelOptions, prop, type DocumentType } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { CustomerTier, Role } from "./role";

/** Budget an order in flight (or committed and not yet settled) has taken out of `budgetCents`. */
@modelOptions({ schemaOptions: { _id: false } })
export class BudgetHold {
  @prop({ required: true })
  orderId!: Types.ObjectId;

  @prop({ required: true })
  claimId!: string;

  @prop({ required: true })
  amountCents!: number;
}

/**
 * A user as stored. Secrets (password hash, TOTP secret) live here and never in the GraphQL type.
 * Money fields change only through conditional atomic updates (DESIGN.md, "holds").
 */
@modelOptions({
  schemaOptions: { collection: "users", timestamps: true },
  options: { customName: "User" },
})
@index({ emailKey: 1 }, { unique: true })
@index({ role: 1, deletedAt: 1, createdAt: -1 })
// The users list: active users, newest first, page by page (test/indexes.test.ts).
@index({ deletedAt: 1, createdAt: -1, _id: -1 })
// Recovery finds the customers that hold anything through this index: in-flight work only.
@index({ "holds.claimId": 1 })
export class UserEntity {
  _id!: Types.ObjectId;

  @prop({ required: true, trim: true })
  name!: string;

  @prop({ required: true, trim: true, lowercase: true })
  email!: string;

  /**
   * The unique key of the email among active users: the email itself, or `deleted:<id>` once the
   * user is deleted, so the address can register again while the old record keeps its email.
   */
  @prop({ required: true })
  emailKey!: string;

  @prop({ required: true })
  passwordHash!: string;

  @prop({ required: true, enum: Role, type: String, default: Role.CUSTOMER })
  role!: Role;

  @prop({ required: true, enum: CustomerTier, type: String, default: CustomerTier.STANDARD })
  tier!: CustomerTier;

  /** Available budget. */
  @prop({ required: true, default: 0 })
  budgetCents!: number;

  /** Every cent ever granted. */
  @prop({ required: true, default: 0 })
  depositedCents!: number;

  @prop({ required: true, default: 0 })
  totalSpentCents!: number;

  @prop({ type: () => [BudgetHold], default: [] })
  holds!: BudgetHold[];

  /** Cancelled approved orders whose money came back here (each exactly once). */
  @prop({ type: () => [Types.ObjectId], default: [] })
  refunds!: Types.ObjectId[];

  @prop({ type: Date, default: null })
  emailVerifiedAt!: Date | null;

  /** A load-test account made by generateRandomOrders: it can never log in, and lists leave it out. */
  @prop({ required: true, default: false })
  testAccount!: boolean;

  /**
   * Fair use (orders/placement-limits.ts): when the placement bucket is full again, in ms since
   * the epoch (GCRA), and the same for generateRandomOrders.
   */
  @prop({ type: () => Number, default: null })
  placeTat!: number | null;

  @prop({ type: () => Number, default: null })
  generateTat!: number | null;

  /** Orders of this customer that may still be waiting to be decided (at most MAX_WAITING_ORDERS). */
  @prop({ type: () => [Types.ObjectId], default: [] })
  openOrders!: Types.ObjectId[];

  /** Raised by logout, password change and reset: every token carrying an older one is revoked. */
  @prop({ required: true, default: 0 })
  tokenVersion!: number;

  @prop({ type: String, default: null })
  totpSecret!: string | null;

  @prop({ required: true, default: false })
  totpEnabled!: boolean;

  /** The last TOTP time step accepted: a code of this step or earlier is never accepted again. */
  @prop({ type: Number, default: null })
  totpLastStep!: number | null;

  /** When the last verification or reset mail was queued (at most one a minute). */
  @prop({ type: Date, default: null })
  lastMailAt!: Date | null;

  @prop({ type: Date, default: null })
  deletedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;

  /** The GraphQL `User.totpPending`: 2FA was chosen (at registration) and awaits its first code. */
  get totpPending(): boolean {
    return !this.totpEnabled && this.totpSecret !== null && this.totpSecret !== undefined;
  }

  /** The GraphQL `User.emailVerified`. */
  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null && this.emailVerifiedAt !== undefined;
  }
}

export type UserDocument = DocumentType<UserEntity>;
export const UserModel = getModelForClass(UserEntity);
