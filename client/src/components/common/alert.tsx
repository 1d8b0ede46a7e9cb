import type { ReactNode } from "react";

export type AlertKind = "danger" | "warning" | "success" | "info";

interface AlertProps {
  readonly kind: AlertKind;
  readonly children: ReactNode;
  /** Extra Bootstrap classes (spacing, size). */
  readonly className?: string;
}

/**
 * A Bootstrap alert that assistive technology announces: problems (danger, warning) as `alert`,
 * which interrupts; confirmations (success, info) as `status`, which waits its turn.
 */
export function Alert({ kind, children, className }: AlertProps) {
  const role = kind === "danger" || kind === "warning" ? "alert" : "status";
  return (
    <div className={`alert alert-${kind}${className ? ` ${className}` : ""}`} role={role}>
      {children}
    </div>
  );
}
