import { OneTimeSecret } from "../common/one-time-secret";

interface NewApiTokenProps {
  readonly name: string;
  /** The secret, shown this once. */
  readonly token: string;
  readonly onDone: () => void;
}

/** A new token's secret, with a copy button and the warning that it is never shown again. */
export function NewApiToken({ name, token, onDone }: NewApiTokenProps) {
  return (
    <OneTimeSecret secret={token} label="The new API token" noun="token" testId="new-api-token" onDone={onDone}>
      Copy the token “{name}” now: it is shown this once and cannot be seen again.
    </OneTimeSecret>
  );
}
