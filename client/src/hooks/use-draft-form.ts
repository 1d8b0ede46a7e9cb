import { useState, type FormEvent } from "react";
import { errorField, errorMessage } from "../lib/errors";

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
  /** Fields whose refusal by the API (`BAD_USER_INPUT` naming the field) shows under the field, not in the alert. @default [] */
  readonly apiFields?: readonly (keyof Errors & string)[];
}

/**
 * A form that adds something from a draft of text fields (others through `set`): each field's
 * refusal under it, the API's error in the form's alert (or under one of `apiFields`), a
 * confirmation and an empty draft once saved.
 */
export function useDraftForm<Draft extends object, Input, Errors extends object>({
  empty,
  read,
  save,
  apiFields = [],
}: DraftFormOptions<Draft, Input, Errors>) {
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<Partial<Errors>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const edit = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [key]: event.target.value }));
  const set = <Key extends keyof Draft>(key: Key, value: Draft[Key]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

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
      const field = apiFields.find((name) => name === errorField(error));
      if (field === undefined) setMessage(errorMessage(error));
      else setErrors({ [field]: errorMessage(error) } as Partial<Errors>);
    }
  };

  return { draft, edit, set, errors, message, created, submit };
}
