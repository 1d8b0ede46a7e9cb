import { Alert } from "./alert";

interface FormOutcomeProps {
  /** The API's refusal, shown as an alert. */
  readonly message: string | null;
  /** The confirmation ("Added …"). */
  readonly created: string | null;
  readonly busy: boolean;
  /** The submit button's label, e.g. "Add product". */
  readonly label: string;
  /** The button's label while busy. @default "Adding…" */
  readonly busyLabel?: string;
}

/** The end of an add form in a grid row: the API's refusal or the confirmation, then the submit button. */
export function FormOutcome({ message, created, busy, label, busyLabel = "Adding…" }: FormOutcomeProps) {
  return (
    <>
      {message && (
        <div className="col-12">
          <Alert kind="danger" className="mb-0">
            {message}
          </Alert>
        </div>
      )}
      {created && (
        <div className="col-12">
          <Alert kind="success" className="mb-0">
            {created}
          </Alert>
        </div>
      )}
      <div className="col-12">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? busyLabel : label}
        </button>
      </div>
    </>
  );
}
