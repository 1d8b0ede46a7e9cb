import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context";
import { signedIn } from "../../graphql/viewer";
import { asOwnRecord, User, type UserDocument } from "../users";
import { AccountService } from "./account.service";
import { LoginInput, RegisterInput } from "./auth.input";
import { AuthService } from "./auth.service";
import { AuthPayload, RegisterPayload, TotpSetup } from "./auth.type";

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountService,
  ) {}

  @Mutation(() => RegisterPayload)
  async register(@Arg("input", () => RegisterInput) input: RegisterInput) {
    return asOwnRecord(await this.accounts.register(input));
  }

  @Mutation(() => Boolean, { description: "True on success; INVALID_TOKEN when unknown, used or expired." })
  verifyEmail(@Arg("token") token: string): Promise<boolean> {
    return this.accounts.verifyEmail(token);
  }

  @Mutation(() => Boolean, { description: "Always true: never reveals whether the address exists." })
  resendVerificationEmail(@Arg("email") email: string): Promise<boolean> {
    return this.accounts.resendVerificationEmail(email);
  }

  @Mutation(() => AuthPayload)
  async login(@Arg("input", () => LoginInput) input: LoginInput, @Ctx() { ip }: Context) {
    return asOwnRecord(await this.auth.login({ ...input, ip }));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Revokes every token of the caller." })
  logout(@Ctx() { viewer }: Context): Promise<boolean> {
    return this.auth.logout(signedIn(viewer));
  }

  @Mutation(() => Boolean, { description: "Always true: never reveals whether the address exists." })
  requestPasswordReset(@Arg("email") email: string): Promise<boolean> {
    return this.accounts.requestPasswordReset(email);
  }

  @Mutation(() => Boolean)
  resetPassword(@Arg("token") token: string, @Arg("newPassword") newPassword: string): Promise<boolean> {
    return this.accounts.resetPassword(token, newPassword);
  }

  @Authorized()
  @Mutation(() => AuthPayload, { description: "Revokes older tokens and returns a fresh one." })
  changePassword(
    @Arg("currentPassword") currentPassword: string,
    @Arg("newPassword") newPassword: string,
    @Ctx() { viewer, ip }: Context,
  ) {
    return this.accounts.changePassword(signedIn(viewer), currentPassword, newPassword, ip);
  }

  @Authorized()
  @Mutation(() => TotpSetup)
  beginTotpSetup(@Ctx() { viewer }: Context) {
    return this.accounts.beginTotpSetup(signedIn(viewer));
  }

  @Authorized()
  @Mutation(() => User)
  enableTotp(@Arg("code") code: string, @Ctx() { viewer }: Context): Promise<UserDocument> {
    return this.accounts.enableTotp(signedIn(viewer), code);
  }

  @Authorized()
  @Mutation(() => User)
  disableTotp(
    @Arg("password") password: string,
    @Arg("code") code: string,
    @Ctx() { viewer, ip }: Context,
  ): Promise<UserDocument> {
    return this.accounts.disableTotp(signedIn(viewer), password, code, ip);
  }
}
