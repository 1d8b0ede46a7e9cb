import { useState, type ReactNode } from "react";
import { Alert } from "./alert";

interface OneTimeSecretProps {
  /** The warning above the secret: what it is, and that it is shown this once. */
  readonly children: ReactNode;
  readonly secret: string;
  /** The accessible name of the field that holds the secret, e.g. "The new API token". */
  readonly label: string;
  /** What the secret is, in the copy button's name and the clipboard's refusal, e.g. "token". */
  readonly noun: string;
  readonly testId: string;
  /** The confirmation button's label. @default "I have copied it" */
  readonly doneLabel?: string;
  readonly onDone: () => void;
}

/** A secret the API shows only once (a token, a signing secret): a read-only field, a copy button, and the warning. */
export function OneTimeSecret({
  children,
  secret,
  label,
  noun,
  testId,
  doneLabel = "I have copied it",
  onDone,
}: OneTimeSecretProps) {
  const [copied, setCopied] = useState<boolean | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <Alert kind="warning" className="mb-3">
      <p className="fw-semibold mb-2">{children}</p>
      <div className="input-group mb-2">
        <input
          className="form-control font-monospace"
          readOnly
          value={secret}
          aria-label={label}
          data-testid={testId}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="btn btn-outline-secondary" onClick={() => void copy()}>
          Copy<span className="visually-hidden"> the {noun}</span>
        </button>
      </div>
      {copied === true && <p className="small mb-2">Copied to the clipboard.</p>}
      {copied === false && (
        <p className="small mb-2">The browser refused the clipboard: select the {noun} and copy it.</p>
      )}
      <button type="button" className="btn btn-sm btn-secondary" onClick={onDone}>
        {doneLabel}
      </button>
    </Alert>
  );
}
