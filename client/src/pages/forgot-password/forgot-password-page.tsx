import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { FormAlert } from "../../components/account/form-alert";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/** Asks for a reset mail; the answer never tells whether the address has an account. */
export function ForgotPasswordPage() {
  usePageTitle("Forgot your password?");
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [request, { loading }] = useMutation(RequestPasswordResetMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await request({ variables: { email } });
      setSent(true);
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <main className="container py-4" style={{ maxWidth: 440 }}>
      <h1 className="h3 mb-3">Forgot your password?</h1>
      {sent ? (
        <div className="alert alert-success" role="status">
          If an account exists for <strong>{email}</strong>, a mail with a reset link is on its way.
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <p className="text-body-secondary">Enter your email and we will send you a link to choose a new password.</p>
          <div className="mb-3">
            <label htmlFor="forgot-email" className="form-label">
              Email
            </label>
            <input
              id="forgot-email"
              type="email"
              className="form-control"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          </div>
          <FormAlert error={message} />
          <button type="submit" className="btn btn-primary w-100" disabled={loading}>
            {loading ? "Sending…" : "Send reset link"}
          </button>
        </form>
      )}
      <p className="mt-3 small">
        <Link to="/login">Back to log in</Link>
      </p>
    </main>
  );
}
