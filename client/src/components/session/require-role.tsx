import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { usePageTitle } from "../../hooks/use-page-title";
import { useSession } from "./session-provider";

/** Shows its children to logged-in users of the given roles; others go to the login page. */
export function RequireRole({ roles, children }: { roles: ReadonlyArray<"ADMIN" | "CUSTOMER">; children: ReactNode }) {
  const { viewer } = useSession();
  const location = useLocation();
  if (viewer === undefined) {
    return (
      <main className="container py-4">
        <p className="text-body-secondary" role="status">
          Loading…
        </p>
      </main>
    );
  }
  if (viewer === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!roles.includes(viewer.role)) return <NotForYourRole roles={roles} />;
  return <>{children}</>;
}

/** What a logged-in user sees on a page of another role. */
function NotForYourRole({ roles }: { roles: ReadonlyArray<"ADMIN" | "CUSTOMER"> }) {
  usePageTitle("Not for your account");
  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Not for your account</h1>
      <div className="alert alert-warning" role="alert">
        This page is for {roles.join(" and ").toLowerCase()}s only.
      </div>
    </main>
  );
}
