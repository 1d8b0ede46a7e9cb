import { AdminHome } from "../../components/home/admin-home";
import { CustomerHome } from "../../components/home/customer-home";
import { VisitorWelcome } from "../../components/home/visitor-welcome";
import { useSession } from "../../components/session/session-provider";
import { usePageTitle } from "../../hooks/use-page-title";

/** The landing page, by role: a welcome for visitors, budget and orders for customers, figures for admins. */
export function HomePage() {
  usePageTitle("Home");
  const { viewer } = useSession();

  if (viewer === undefined) {
    return (
      <main className="container py-4">
        <h1 className="h3 mb-3">OrderFlow</h1>
        <p className="text-body-secondary" role="status">
          Loading…
        </p>
      </main>
    );
  }
  if (viewer === null) {
    return (
      <main className="container py-4">
        <VisitorWelcome />
      </main>
    );
  }
  return (
    <main className="container py-4">
      <h1 className="h3 mb-1">Hello, {viewer.name}</h1>
      <p className="text-body-secondary mb-4" data-testid="viewer">
        Logged in as {viewer.email},{" "}
        {viewer.role === "ADMIN" ? "admin" : viewer.tier === "PREMIUM" ? "premium customer ⭐" : "customer"}
      </p>
      {viewer.role === "ADMIN" ? <AdminHome /> : <CustomerHome />}
    </main>
  );
}
