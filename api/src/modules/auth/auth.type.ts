import { Field, ObjectType } from "type-graphql";
import { User } from "../users";

@ObjectType({ description: "What an authenticator app needs: the secret, its otpauth:// URL and a QR code of it." })
export class TotpSetup {
  @Field()
  secret: string;

  @Field()
  otpauthUrl: string;

  @Field({ description: "A PNG image as a data: URL." })
  qrCodeDataUrl: string;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: "A bearer token for the Authorization header (and graphql-ws connection_init)." })
  token: string;

  @Field(() => User)
  user: User;
}

@ObjectType()
export class RegisterPayload {
  @Field(() => User)
  user: User;

  @Field(() => TotpSetup, {
    nullable: true,
    description:
      "Present when 2FA was requested at registration; it becomes active once verified with enableTotp after login.",
  })
  totpSetup: TotpSetup | null;
}
