import { Field, InputType } from "type-graphql";
import { WebhookEventType } from "./webhook-event-type";

@InputType()
export class CreateWebhookInput {
  @Field({ description: "http(s) URL; private and loopback hosts are refused unless WEBHOOK_ALLOW_PRIVATE." })
  url: string;

  @Field(() => [WebhookEventType])
  events: WebhookEventType[];

  @Field(() => String, { nullable: true, defaultValue: "" })
  description?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true })
  events?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true also forgets the failures that disabled it." })
  enabled?: boolean | null;
}
