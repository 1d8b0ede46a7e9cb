import { useState } from "react";
import { Alert } from "../common/alert";

interface NewApiTokenProps {
  readonly name: string;
  /** The secret, shown this once. */
  readonly token: string;
  readonly onDone: () => void;
}

/** A new token's secret, with a copy button and the warning that it is never shown again. */
export function NewApiToken({ name, token, onDone }: NewApiTokenProps) {
  const [copied, setCopied] = useState<boolean | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <Alert kind="warning" className="mb-3">
      <p className="fw-semibold mb-2">Copy the token “{name}” now: it is shown this once and cannot be seen again.</p>
      <div className="input-group mb-2">
        <input
          className="form-control font-monospace"
          readOnly
          value={token}
          aria-label="The new API token"
          data-testid="new-api-token"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="btn btn-outline-secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      {copied === true && <p className="small mb-2">Copied to the clipboard.</p>}
      {copied === false && (
        <p className="small mb-2">The browser refused the clipboard: select the token and copy it.</p>
      )}
      <button type="button" className="btn btn-sm btn-secondary" onClick={onDone}>
        I have copied it
      </button>
    </Alert>
  );
}
