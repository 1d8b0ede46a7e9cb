export { checkWebhookUrl, isPrivateAddress } from "./address-policy";
export { DEFAULT_RETRY_SCHEDULE, retryDelayMs, type RetrySchedule } from "./retry-schedule";
export { WebhookDeliveryStatus, WebhookEventType } from "./webhook-event-type";
export { createWebhooksModule, type WebhookRuntimeOptions, type WebhooksModule } from "./webhooks.module";
export { WebhookResolver } from "./webhook.resolver";
export { WebhookService } from "./webhook.service";
