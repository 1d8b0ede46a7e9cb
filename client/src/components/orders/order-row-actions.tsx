import { useState, type FormEvent } from "react";

export interface OrderActions {
  readonly canCancel: boolean;
  /** Admins give a reason when cancelling. */
  readonly askReason: boolean;
  readonly canShip: boolean;
  readonly canDeliver: boolean;
  readonly busy: boolean;
  readonly onCancel: (reason: string | undefined) => void;
  readonly onShip: () => void;
  readonly onDeliver: () => void;
}

/** The buttons of an order row; cancelling asks for a confirmation (and, from admins, a reason). */
export function OrderRowActions({ orderId, actions }: { orderId: string; actions: OrderActions }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const confirmCancel = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(false);
    actions.onCancel(actions.askReason ? reason.trim() || undefined : undefined);
  };
  return (
    <div className="d-flex flex-wrap gap-1">
      {actions.canCancel && !confirming && (
        <button
          type="button"
          className="btn btn-outline-danger btn-sm"
          disabled={actions.busy}
          onClick={() => setConfirming(true)}
        >
          Cancel
        </button>
      )}
      {actions.canCancel && confirming && (
        <form className="d-flex flex-wrap gap-1" onSubmit={confirmCancel} aria-label={`Cancel order ${orderId}`}>
          {actions.askReason && (
            <>
              <label className="visually-hidden" htmlFor={`cancel-reason-${orderId}`}>
                Cancellation reason
              </label>
              <input
                id={`cancel-reason-${orderId}`}
                className="form-control form-control-sm"
                placeholder="Reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
            </>
          )}
          <button type="submit" className="btn btn-danger btn-sm">
            Confirm cancel
          </button>
          <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </form>
      )}
      {actions.canShip && (
        <button type="button" className="btn btn-outline-info btn-sm" disabled={actions.busy} onClick={actions.onShip}>
          Ship
        </button>
      )}
      {actions.canDeliver && (
        <button
          type="button"
          className="btn btn-outline-dark btn-sm"
          disabled={actions.busy}
          onClick={actions.onDeliver}
        >
          Deliver
        </button>
      )}
    </div>
  );
}
