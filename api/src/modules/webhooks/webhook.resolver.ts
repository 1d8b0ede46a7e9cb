import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context";
import { signedIn } from "../../graphql/viewer";
import { Role } from "../users";
import { CreateWebhookInput, UpdateWebhookInput } from "./webhook.input";
import { WebhookService } from "./webhook.service";
import {
  CreateWebhookPayload,
  toWebhook,
  toWebhookDelivery,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryConnection,
} from "./webhook.type";

@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly service: WebhookService) {}

  @Authorized(Role.ADMIN)
  @Query(() => [Webhook], { description: "Every webhook endpoint, newest first. ADMIN." })
  async webhooks(): Promise<Webhook[]> {
    return (await this.service.list()).map(toWebhook);
  }

  @Authorized(Role.ADMIN)
  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's deliveries, newest first. ADMIN." })
  async webhookDeliveries(
    @Arg("webhookId", () => ID) webhookId: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<WebhookDeliveryConnection> {
    const page = await this.service.deliveries(webhookId, { first, after });
    return { ...page, nodes: page.nodes.map(toWebhookDelivery) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateWebhookPayload, { description: "ADMIN; the secret is shown only in this answer." })
  async createWebhook(
    @Arg("input", () => CreateWebhookInput) input: CreateWebhookInput,
    @Ctx() { viewer }: Context,
  ): Promise<CreateWebhookPayload> {
    const { webhook, secret } = await this.service.create(signedIn(viewer), input);
    return { webhook: toWebhook(webhook), secret };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Webhook, { description: "ADMIN" })
  async updateWebhook(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateWebhookInput) input: UpdateWebhookInput,
    @Ctx() { viewer }: Context,
  ): Promise<Webhook> {
    return toWebhook(await this.service.update(signedIn(viewer), id, input));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: "ADMIN; its deliveries go with it." })
  deleteWebhook(@Arg("id", () => ID) id: string, @Ctx() { viewer }: Context): Promise<boolean> {
    return this.service.delete(signedIn(viewer), id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookDelivery, { description: "Sends a delivery again now (same webhook-id). ADMIN." })
  async redeliverWebhook(
    @Arg("deliveryId", () => ID) deliveryId: string,
    @Ctx() { viewer }: Context,
  ): Promise<WebhookDelivery> {
    return toWebhookDelivery(await this.service.redeliver(signedIn(viewer), deliveryId));
  }
}
