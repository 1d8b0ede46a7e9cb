import type { ReactNode } from "react";

/** What the control inside a Field must carry so that its label, hint and error belong to it. */
export interface FieldControlProps {
  readonly id: string;
  readonly "aria-describedby": string | undefined;
  readonly "aria-invalid": boolean | undefined;
}

interface FieldProps {
  readonly id: string;
  readonly label: ReactNode;
  /** Shown under the control, read after the label. */
  readonly hint?: ReactNode;
  /** Shown instead of nothing when the value is refused; marks the control invalid. */
  readonly error?: string | null;
  /** Classes of the wrapper. @default "mb-3" */
  readonly className?: string;
  /** Classes of the label, e.g. to make it small. @default "form-label" */
  readonly labelClassName?: string;
  readonly children: (control: FieldControlProps) => ReactNode;
}

/** A labelled form control with its hint and error, wired for assistive technology. */
export function Field({
  id,
  label,
  hint,
  error,
  className = "mb-3",
  labelClassName = "form-label",
  children,
}: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className || undefined}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint && (
        <div id={hintId} className="form-text">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}
