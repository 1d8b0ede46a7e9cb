import type { ReactNode } from "react";

/**
 * The frame of a wide table: it scrolls sideways when the table is wider than the screen, so it is
 * a named region that takes the keyboard focus (arrow keys scroll it). Tables inside with class
 * `table-stack` and `data-label` on their cells become stacked cards below the md breakpoint.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-responsive" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
