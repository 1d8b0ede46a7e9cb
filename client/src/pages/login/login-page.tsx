import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useSession } from "../../components/session/session-provider";
import { graphql } from "../../gql";
import { errorCode, errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      user {
        id
      }
    }
  }
`);

/** Email and password, then the authenticator code when 2FA is on. */
export function LoginPage() {
  usePageTitle("Log in");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [login, { loading }] = useMutation(LoginMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const { data } = await login({ variables: { input: { email, password, ...(needsCode ? { totpCode } : {}) } } });
      if (!data) return;
      await signIn(data.login.token);
      const next = params.get("next");
      await navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/");
    } catch (error) {
      const code = errorCode(error);
      if (code === "TOTP_REQUIRED") {
        setNeedsCode(true);
        setMessage("Enter the 6-digit code from your authenticator app.");
      } else {
        setMessage(errorMessage(error));
      }
    }
  };

  return (
    <main className="container py-4" style={{ maxWidth: 440 }}>
      <h1 className="h3 mb-3">Log in</h1>
      {params.get("ended") && (
        <div className="alert alert-info" role="status">
          Your session has ended. Please log in again.
          {params.get("ended") === "revoked" &&
            " It was ended elsewhere: a logout or a password change on another device, or by an admin."}
        </div>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="mb-3">
          <label htmlFor="login-email" className="form-label">
            Email
          </label>
          <input
            id="login-email"
            type="email"
            className="form-control"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </div>
        <div className="mb-3">
          <label htmlFor="login-password" className="form-label">
            Password
          </label>
          <input
            id="login-password"
            type="password"
            className="form-control"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {needsCode && (
          <div className="mb-3">
            <label htmlFor="login-code" className="form-label">
              Authenticator code
            </label>
            <input
              id="login-code"
              className="form-control"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              value={totpCode}
              onChange={(e) => setTotpCode(e.target.value)}
              autoFocus
            />
          </div>
        )}
        {message && (
          <div className="alert alert-danger" role="alert">
            {message}
          </div>
        )}
        <button type="submit" className="btn btn-primary w-100" disabled={loading}>
          {loading ? "Logging in…" : "Log in"}
        </button>
      </form>
      <p className="mt-3 small">
        <Link to="/forgot-password">Forgot your password?</Link> · <Link to="/register">Create an account</Link>
      </p>
    </main>
  );
}
