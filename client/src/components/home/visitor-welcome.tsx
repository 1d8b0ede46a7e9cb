import { Link } from "react-router";
import { useApiReadiness } from "../../hooks/use-api-readiness";

/** The home page for visitors: what OrderFlow is, and the way in. */
export function VisitorWelcome() {
  const readiness = useApiReadiness();
  return (
    <>
      <h1 className="h3 mb-3">Welcome to OrderFlow</h1>
      <p className="lead" style={{ maxWidth: 640 }}>
        Order from the shop's stock within your budget, and watch each order be approved, shipped and delivered as it
        happens.
      </p>
      <div className="d-flex flex-wrap gap-2 mb-4">
        <Link className="btn btn-primary" to="/login">
          Log in
        </Link>
        <Link className="btn btn-outline-primary" to="/register">
          Create an account
        </Link>
      </div>
      {/* Only worth a word when it matters: a visitor about to log in learns the service is down. */}
      {readiness === "unavailable" ? (
        <div className="alert alert-warning" role="status" data-testid="readiness">
          OrderFlow is unavailable right now. Please try again in a minute.
        </div>
      ) : (
        <p className="small text-body-secondary" role="status" data-testid="readiness">
          {readiness === "ready" ? "OrderFlow is online." : "Checking the service…"}
        </p>
      )}
    </>
  );
}
