import type { WebhookEventType } from "../gql/graphql";

/** A webhook form's fields as typed, with the events ticked. */
export interface WebhookDraft {
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEventType[];
}

/** What is wrong with each refused field of a webhook form, in words for its Field. */
export type WebhookDraftErrors = Partial<Record<"url" | "events" | "description", string>>;

/** The API's limit on a description. */
const MAX_DESCRIPTION = 500;

/**
 * The API's input for a draft, or null with the reason for each refused field. Whether the URL's
 * address is allowed is the API's to say (it resolves the host): its refusal shows under the URL.
 */
export function readWebhookDraft(draft: WebhookDraft): {
  readonly input: { url: string; description: string; events: WebhookEventType[] } | null;
  readonly errors: WebhookDraftErrors;
} {
  const errors: { -readonly [K in keyof WebhookDraftErrors]: WebhookDraftErrors[K] } = {};
  const url = draft.url.trim();
  const description = draft.description.trim();
  if (!url) errors.url = "Enter the URL that receives the events.";
  if (draft.events.length === 0) errors.events = "Choose at least one event.";
  if (description.length > MAX_DESCRIPTION) errors.description = `At most ${MAX_DESCRIPTION} characters.`;
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { url, description, events: [...draft.events] }, errors };
}
