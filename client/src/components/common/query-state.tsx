import type { ReactNode } from "react";
import { errorMessage } from "../../lib/errors";
import { Alert } from "./alert";

interface QueryStateProps {
  /** Still loading with nothing to show yet. */
  readonly loading: boolean;
  readonly error?: unknown;
  /** Loaded, with nothing in it. */
  readonly empty?: boolean;
  /** e.g. "Loading orders…" */
  readonly loadingText: string;
  /** e.g. "No orders yet." */
  readonly emptyText?: ReactNode;
  readonly children: ReactNode;
}

/** What a list shows before it has rows: loading, the error (as text people can read), or empty. */
export function QueryState({ loading, error, empty, loadingText, emptyText, children }: QueryStateProps) {
  if (error) return <Alert kind="danger">{errorMessage(error)}</Alert>;
  if (loading)
    return (
      <p className="text-body-secondary" role="status">
        {loadingText}
      </p>
    );
  if (empty === true) return <p className="text-body-secondary">{emptyText}</p>;
  return <>{children}</>;
}
