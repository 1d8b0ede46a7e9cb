import { useState, type FormEvent } from "react";
import { errorMessage } from "../lib/errors";

/** What reading a draft gives: the input to send, or null, with the reason for each refused field. */
export interface DraftReading<Input, Errors> {
  readonly input: Input | null;
  readonly errors: Errors;
}

interface DraftFormOptions<Draft, Input, Errors> {
  readonly empty: Draft;
  readonly read: (draft: Draft) => DraftReading<Input, Errors>;
  /** Sends the input; resolves to the confirmation people read ("Added …"). */
  readonly save: (input: Input) => Promise<string>;
}

/**
 * A form that adds something from a draft of text fields: each field's refusal under it, the
 * API's error in the form's alert, a confirmation and an empty draft once saved.
 */
export function useDraftForm<Draft extends object, Input, Errors extends object>({
  empty,
  read,
  save,
}: DraftFormOptions<Draft, Input, Errors>) {
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<Partial<Errors>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const edit = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setMessage(null);
    const { input, errors: refused } = read(draft);
    setErrors(refused);
    if (input === null) return;
    try {
      setCreated(await save(input));
      setDraft(empty);
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return { draft, edit, errors, message, created, submit };
}
