import { Field, InputType } from "type-graphql";

@InputType()
export class RegisterInput {
  @Field()
  name: string;

  @Field()
  email: string;

  @Field()
  password: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  enableTotp?: boolean | null;
}

@InputType()
export class LoginInput {
  @Field()
  email: string;

  @Field()
  password: string;

  @Field(() => String, { nullable: true })
  totpCode?: string | null;
}
