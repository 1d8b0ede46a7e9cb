import type { WebhookEventType } from "../../gql/graphql";
import type { WebhookDraft, WebhookDraftErrors } from "../../lib/webhook-draft";
import { Field } from "../common/field";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from "./webhook-events";

interface WebhookFieldsProps {
  /** Makes the controls' ids unique on the page, e.g. "new-webhook" or "webhook-<id>". */
  readonly idPrefix: string;
  readonly draft: WebhookDraft;
  readonly errors: WebhookDraftErrors;
  readonly edit: (key: "url" | "description") => (event: { target: { value: string } }) => void;
  readonly setEvents: (events: readonly WebhookEventType[]) => void;
}

/** A webhook's URL, events and description, for a grid row form (adding or editing). */
export function WebhookFields({ idPrefix, draft, errors, edit, setEvents }: WebhookFieldsProps) {
  // Ticked events stay in the listed order, whatever order they were ticked in.
  const toggle = (type: WebhookEventType) =>
    setEvents(
      draft.events.includes(type)
        ? draft.events.filter((t) => t !== type)
        : WEBHOOK_EVENT_TYPES.filter((t) => t === type || draft.events.includes(t)),
    );
  const eventsErrorId = `${idPrefix}-events-error`;

  return (
    <>
      <Field
        id={`${idPrefix}-url`}
        label="URL"
        hint="Where the signed POSTs go: http:// or https://."
        error={errors.url}
        className="col-md-6"
      >
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            className="form-control"
            value={draft.url}
            onChange={edit("url")}
            required
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-description`}
        label="Description (optional)"
        error={errors.description}
        className="col-md-6"
      >
        {(control) => (
          <input {...control} className="form-control" value={draft.description} onChange={edit("description")} />
        )}
      </Field>
      <fieldset className="col-12" aria-describedby={errors.events ? eventsErrorId : undefined}>
        <legend className="form-label fs-6">Events</legend>
        <div className="d-flex flex-wrap gap-3">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <div className="form-check" key={type}>
              <input
                className="form-check-input"
                type="checkbox"
                id={`${idPrefix}-event-${type}`}
                checked={draft.events.includes(type)}
                onChange={() => toggle(type)}
              />
              <label className="form-check-label" htmlFor={`${idPrefix}-event-${type}`}>
                <code>{WEBHOOK_EVENTS[type]}</code>
              </label>
            </div>
          ))}
        </div>
        {errors.events && (
          <div id={eventsErrorId} className="invalid-feedback d-block">
            {errors.events}
          </div>
        )}
      </fieldset>
    </>
  );
}
