import { Link } from "react-router";
import { usePageTitle } from "../../hooks/use-page-title";

/** Any address the client does not know. */
export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <main className="container py-5 text-center">
      <h1 className="display-6">Page not found</h1>
      <p className="text-body-secondary">There is nothing at this address.</p>
      <Link className="btn btn-primary" to="/">
        Back home
      </Link>
    </main>
  );
}
