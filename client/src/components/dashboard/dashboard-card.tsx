import type { ReactNode } from "react";

/** A titled card of the dashboard, as tall as the others in its row. */
export function DashboardCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card h-100">
      <div className="card-body">
        <h2 className="h6">{title}</h2>
        {children}
      </div>
    </div>
  );
}
