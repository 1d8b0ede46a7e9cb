import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { Field } from "../common/field";
import { FormOutcome } from "../common/form-outcome";
import { NewApiToken } from "./new-api-token";

const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
      }
    }
  }
`);

interface CreateApiTokenFormProps {
  /** The scopes a token can carry, as the API lists them. */
  readonly scopes: ReadonlyArray<{ readonly name: string; readonly description: string }>;
  readonly onCreated: () => void;
}

/** A new API token: a name, its scopes and an optional expiry; its secret is shown once below. */
export function CreateApiTokenForm({ scopes, onCreated }: CreateApiTokenFormProps) {
  const [createApiToken, { loading }] = useMutation(CreateApiTokenMutation);
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [expiry, setExpiry] = useState("");
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; expiry?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const toggle = (scope: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (!next.delete(scope)) next.add(scope);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setCreated(null);
    const expiresAt = expiry === "" ? null : new Date(expiry);
    const refused = {
      ...(name.trim() === "" ? { name: "Enter a name." } : {}),
      ...(chosen.size === 0 ? { scopes: "Choose at least one scope." } : {}),
      ...(expiresAt !== null && !(expiresAt.getTime() > Date.now()) ? { expiry: "Choose a time in the future." } : {}),
    };
    setErrors(refused);
    if (Object.keys(refused).length > 0) return;
    try {
      const { data } = await createApiToken({
        variables: { input: { name: name.trim(), scopes: [...chosen], expiresAt: expiresAt?.toISOString() ?? null } },
      });
      if (data) setCreated({ name: data.createApiToken.apiToken.name, token: data.createApiToken.token });
      setName("");
      setChosen(new Set());
      setExpiry("");
      onCreated();
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <>
      {created && <NewApiToken name={created.name} token={created.token} onDone={() => setCreated(null)} />}
      <details className="card mb-3">
        <summary className="card-header">Create an API token</summary>
        <form
          className="card-body row g-2"
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-label="Create an API token"
        >
          <Field
            id="new-token-name"
            label="Name"
            hint="What it is for, e.g. Warehouse."
            error={errors.name}
            className="col-md-6"
          >
            {(control) => (
              <input {...control} className="form-control" value={name} onChange={(e) => setName(e.target.value)} />
            )}
          </Field>
          <Field
            id="new-token-expiry"
            label="Expires (optional)"
            hint="Leave empty for a token that never expires."
            error={errors.expiry}
            className="col-md-6"
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                className="form-control"
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
              />
            )}
          </Field>
          <fieldset className="col-12" aria-describedby={errors.scopes ? "new-token-scopes-error" : undefined}>
            <legend className="form-label fs-6">Scopes</legend>
            {scopes.map((scope) => (
              <div className="form-check" key={scope.name}>
                <input
                  className="form-check-input"
                  type="checkbox"
                  id={`scope-${scope.name}`}
                  checked={chosen.has(scope.name)}
                  onChange={() => toggle(scope.name)}
                />
                <label className="form-check-label" htmlFor={`scope-${scope.name}`}>
                  <code>{scope.name}</code> <span className="small text-body-secondary">{scope.description}</span>
                </label>
              </div>
            ))}
            {errors.scopes && (
              <div id="new-token-scopes-error" className="invalid-feedback d-block">
                {errors.scopes}
              </div>
            )}
          </fieldset>
          <FormOutcome message={message} created={null} busy={loading} label="Create token" />
        </form>
      </details>
    </>
  );
}
