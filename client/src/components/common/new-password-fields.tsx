/** A new password with its confirmation: two password inputs, the first with a help text. */
export function NewPasswordFields({
  id,
  confirmId,
  help,
  password,
  onPasswordChange,
  confirm,
  onConfirmChange,
}: {
  id: string;
  confirmId: string;
  help: string;
  password: string;
  onPasswordChange: (value: string) => void;
  confirm: string;
  onConfirmChange: (value: string) => void;
}) {
  return (
    <>
      <div className="mb-3">
        <label htmlFor={id} className="form-label">
          New password
        </label>
        <input
          id={id}
          type="password"
          className="form-control"
          autoComplete="new-password"
          aria-describedby={`${id}-help`}
          value={password}
          onChange={(e) => onPasswordChange(e.target.value)}
          required
        />
        <div id={`${id}-help`} className="form-text">
          {help}
        </div>
      </div>
      <div className="mb-3">
        <label htmlFor={confirmId} className="form-label">
          Confirm new password
        </label>
        <input
          id={confirmId}
          type="password"
          className="form-control"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => onConfirmChange(e.target.value)}
          required
        />
      </div>
    </>
  );
}
