import { useQuery } from "@apollo/client/react";
import { ChangeNameForm } from "../../components/account/change-name-form";
import { ChangePasswordForm } from "../../components/account/change-password-form";
import { SpendingHistory } from "../../components/account/spending-history";
import { TwoFactorSettings } from "../../components/account/two-factor-settings";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { formatCents } from "../../lib/format";
import { usePageTitle } from "../../hooks/use-page-title";

const ProfilePageQueryDocument = graphql(`
  query ProfilePage {
    me {
      id
      name
      email
      role
      tier
      emailVerified
      totpEnabled
      budgetCents
      totalSpentCents
      orders(first: 20) {
        totalCount
        nodes {
          id
          status
          totalCents
          createdAt
        }
      }
    }
  }
`);

/** The viewer's own account: details, balance, spending history, name, password and 2FA. */
export function ProfilePage() {
  usePageTitle("Profile");
  const { data, loading, error, refetch } = useQuery(ProfilePageQueryDocument, { fetchPolicy: "cache-and-network" });
  const me = data?.me;

  if (!me) {
    return (
      <main className="container py-4">
        <h1 className="h3 mb-3">Profile</h1>
        {error ? (
          <div className="alert alert-danger d-flex align-items-center gap-3" role="alert">
            <span>Could not load your profile: {errorMessage(error)}</span>
            <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => void refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="text-body-secondary" role="status">
            {loading ? "Loading your profile…" : "No profile to show."}
          </p>
        )}
      </main>
    );
  }

  const premium = me.tier === "PREMIUM";
  // Tiers, budgets and spending are a customer's: an admin neither orders nor pays.
  const customer = me.role === "CUSTOMER";
  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Profile</h1>
      {error && (
        <div className="alert alert-warning" role="alert">
          Could not refresh your profile: {errorMessage(error)}
        </div>
      )}
      <div className="row g-4">
        <section className="col-md-6" aria-labelledby="details-heading">
          <div className="card h-100">
            <div className="card-body">
              <h2 id="details-heading" className="h5 card-title">
                Your details
              </h2>
              <dl className="row mb-0" data-testid="profile-details">
                <dt className="col-sm-4">Name</dt>
                <dd className="col-sm-8">{me.name}</dd>
                <dt className="col-sm-4">Email</dt>
                <dd className="col-sm-8">
                  {me.email} {me.emailVerified && <span className="badge text-bg-success">verified</span>}
                </dd>
                <dt className="col-sm-4">Role</dt>
                <dd className="col-sm-8">{me.role === "ADMIN" ? "Admin" : "Customer"}</dd>
                {customer && (
                  <>
                    <dt className="col-sm-4">Tier</dt>
                    <dd className="col-sm-8">{premium ? "Premium ⭐" : "Standard"}</dd>
                  </>
                )}
              </dl>
            </div>
          </div>
        </section>
        {customer && (
          <>
            <section className="col-md-6" aria-labelledby="balance-heading">
              <div className="card h-100">
                <div className="card-body">
                  <h2 id="balance-heading" className="h5 card-title">
                    Balance
                  </h2>
                  <dl className="row mb-0" data-testid="profile-balance">
                    <dt className="col-sm-5">Available budget</dt>
                    <dd className="col-sm-7 fs-5">{formatCents(me.budgetCents)}</dd>
                    <dt className="col-sm-5">Total spent</dt>
                    <dd className="col-sm-7 fs-5">{formatCents(me.totalSpentCents)}</dd>
                  </dl>
                </div>
              </div>
            </section>
            <section className="col-12" aria-labelledby="history-heading">
              <h2 id="history-heading" className="h5">
                Spending history
              </h2>
              <SpendingHistory orders={me.orders} />
            </section>
          </>
        )}
        <div className="col-md-6">
          <div className="card">
            <div className="card-body">
              <ChangeNameForm currentName={me.name} />
            </div>
          </div>
        </div>
        <div className="col-md-6">
          <div className="card">
            <div className="card-body">
              <ChangePasswordForm />
            </div>
          </div>
        </div>
        <div className="col-12">
          <div className="card">
            <div className="card-body">
              <TwoFactorSettings enabled={me.totpEnabled} />
            </div>
          </div>
        </div>
      </div>
    </main>
  );
}
