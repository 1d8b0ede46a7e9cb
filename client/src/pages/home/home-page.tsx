import { useQuery } from "@apollo/client/react";
import { graphql } from "../../gql";
import { useApiReadiness, type Readiness } from "../../hooks/use-api-readiness";

const HomePageQuery = graphql(`
  query HomePage {
    me {
      id
      name
      email
      role
      tier
    }
  }
`);

const READINESS_BADGE: Record<Readiness, { text: string; className: string }> = {
  checking: { text: "Checking the API…", className: "text-bg-secondary" },
  ready: { text: "API and database ready", className: "text-bg-success" },
  unavailable: { text: "API or database unavailable", className: "text-bg-danger" },
};

/** The landing page: whether the API is up, and who is logged in. */
export function HomePage() {
  const readiness = useApiReadiness();
  const { data, loading, error } = useQuery(HomePageQuery);
  const badge = READINESS_BADGE[readiness];

  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">OrderFlow</h1>
      <p>
        <span className={`badge ${badge.className}`} role="status" data-testid="readiness">
          {badge.text}
        </span>
      </p>
      <section aria-labelledby="session-heading" className="card">
        <div className="card-body">
          <h2 id="session-heading" className="h5 card-title">
            Session
          </h2>
          {loading && <p className="text-body-secondary">Loading…</p>}
          {error && (
            <p className="text-danger" role="alert">
              Could not load your session: {error.message}
            </p>
          )}
          {data &&
            (data.me ? (
              <p data-testid="viewer">
                Logged in as <strong>{data.me.name}</strong> ({data.me.email}), {data.me.role.toLowerCase()}
                {data.me.tier === "PREMIUM" ? " ⭐" : ""}
              </p>
            ) : (
              <p data-testid="viewer">Not logged in.</p>
            ))}
        </div>
      </section>
    </main>
  );
}
