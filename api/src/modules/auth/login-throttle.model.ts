import { getModelForClass, modelOptions, prop } from "@typegoose/typegoose";

/** Failed logins of one account or one IP address within the current window. */
@modelOptions({
  schemaOptions: { collection: "login_throttle", versionKey: false },
  options: { customName: "LoginThrottle" },
})
export class LoginThrottleEntity {
  /** `account:<email>` or `ip:<address>` */
  @prop({ required: true })
  _id!: string;

  @prop({ required: true, default: 0 })
  failures!: number;

  /** Attempts reserved and not yet settled. */
  @prop({ required: true, default: 0 })
  inFlight!: number;

  @prop({ required: true })
  windowStart!: Date;

  @prop({ type: Date, default: null })
  lockedUntil!: Date | null;
}

export const LoginThrottleModel = getModelForClass(LoginThrottleEntity);
