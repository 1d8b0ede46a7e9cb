import { PasswordStrength, usePasswordVerdict } from "./password-strength";

/**
 * A new password with its confirmation: two password inputs, the first with the password rule and
 * how the typed password measures up to it (as the API will judge it), and an optional note.
 */
export function NewPasswordFields({
  id,
  confirmId,
  note,
  password,
  onPasswordChange,
  confirm,
  onConfirmChange,
}: {
  id: string;
  confirmId: string;
  note?: string;
  password: string;
  onPasswordChange: (value: string) => void;
  confirm: string;
  onConfirmChange: (value: string) => void;
}) {
  const verdict = usePasswordVerdict(password);
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
        <PasswordStrength id={`${id}-help`} verdict={verdict} {...(note === undefined ? {} : { extra: note })} />
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
