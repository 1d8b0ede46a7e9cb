import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { FormAlert } from "../../components/account/form-alert";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`);

const ResendVerificationEmailMutation = graphql(`
  mutation ResendVerificationEmail($email: String!) {
    resendVerificationEmail(email: $email)
  }
`);

/** Confirms the address with the token from the mail; offers a fresh link when it fails. */
export function VerifyEmailPage() {
  usePageTitle("Confirm your email");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [verify, verification] = useMutation(VerifyEmailMutation);
  const started = useRef(false);

  // Once per page: the token is single-use, so a second call (StrictMode) would report it used.
  useEffect(() => {
    if (token === "" || started.current) return;
    started.current = true;
    verify({ variables: { token } }).catch(() => {
      // Shown from the mutation's error state.
    });
  }, [token, verify]);

  const verified = verification.data?.verifyEmail === true;
  return (
    <main className="container py-4" style={{ maxWidth: 480 }}>
      <h1 className="h3 mb-3">Confirm your email</h1>
      {token !== "" && !verified && !verification.error && (
        <p className="text-body-secondary" role="status">
          Confirming your address…
        </p>
      )}
      {verified && (
        <div className="alert alert-success" role="status">
          Your email address is confirmed. You can now <Link to="/login">log in</Link>.
        </div>
      )}
      {verification.error && (
        <div className="alert alert-danger" role="alert">
          {errorMessage(verification.error)}
        </div>
      )}
      {token === "" && (
        <p className="text-body-secondary">Open the link from the confirmation mail, or ask for a new one below.</p>
      )}
      {!verified && (token === "" || verification.error) && <ResendForm />}
    </main>
  );
}

/** Sends the confirmation mail again; the answer never tells whether the address exists. */
function ResendForm() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [resend, { loading }] = useMutation(ResendVerificationEmailMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setSent(false);
    try {
      await resend({ variables: { email } });
      setSent(true);
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="resend-heading" className="mt-4">
      <h2 id="resend-heading" className="h5">
        Send the confirmation link again
      </h2>
      <div className="mb-3">
        <label htmlFor="resend-email" className="form-label">
          Email
        </label>
        <input
          id="resend-email"
          type="email"
          className="form-control"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </div>
      <FormAlert
        error={message}
        success={sent ? "If an unconfirmed account exists for that address, a new link is on its way." : null}
      />
      <button type="submit" className="btn btn-primary" disabled={loading}>
        {loading ? "Sending…" : "Resend link"}
      </button>
    </form>
  );
}
