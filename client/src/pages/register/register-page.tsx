import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { FormAlert } from "../../components/account/form-alert";
import { PasswordStrength, usePasswordVerdict } from "../../components/common/password-strength";
import { TotpSetupDetails } from "../../components/account/totp-setup-details";
import { graphql } from "../../gql";
import type { RegisterUserMutation as RegisterUserMutationResult } from "../../gql/graphql";
import { errorCode, errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const RegisterUserMutation = graphql(`
  mutation RegisterUser($input: RegisterInput!) {
    register(input: $input) {
      user {
        id
        email
      }
      totpSetup {
        secret
        qrCodeDataUrl
      }
    }
  }
`);

/** Creates an account; afterwards asks the reader to confirm the address from the mail. */
export function RegisterPage() {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [enableTotp, setEnableTotp] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<RegisterUserMutationResult["register"] | null>(null);
  const [register, { loading }] = useMutation(RegisterUserMutation);
  usePageTitle(done ? "Check your mail" : "Create an account");
  // After a first try, fields that cannot be sent are marked (and nothing is sent).
  const [tried, setTried] = useState(false);
  const verdict = usePasswordVerdict(password, [name, email]);
  const invalid = {
    name: name.trim() === "",
    email: !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()),
    // Until the checker has loaded, only an empty password is known to be wrong.
    password: verdict === undefined ? password === "" : !verdict.ok,
  };
  const marked = (field: keyof typeof invalid) => (tried && invalid[field] ? " is-invalid" : "");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setTried(true);
    // Judged here too: the live verdict may not have loaded yet when the button is pressed.
    const { judgePassword } = await import("../../lib/password-strength");
    if (invalid.name || invalid.email || !judgePassword(password, [name, email]).ok) return;
    try {
      const { data } = await register({ variables: { input: { name, email, password, enableTotp } } });
      if (data) setDone(data.register);
    } catch (error) {
      setMessage(
        errorCode(error) === "CONFLICT"
          ? `${errorMessage(error)} Did you mean to log in or reset your password?`
          : errorMessage(error),
      );
    }
  };

  if (done) {
    return (
      <main className="container py-4" style={{ maxWidth: 560 }}>
        <h1 className="h3 mb-3">Check your mail</h1>
        <div className="alert alert-success" role="status">
          We sent a confirmation link to <strong>{done.user.email}</strong>. Open it to activate your account, then{" "}
          <Link to="/login">log in</Link>.
        </div>
        {done.totpSetup && (
          <section aria-labelledby="register-totp-heading">
            <h2 id="register-totp-heading" className="h5">
              Two-factor authentication
            </h2>
            <TotpSetupDetails qrCodeDataUrl={done.totpSetup.qrCodeDataUrl} secret={done.totpSetup.secret} />
            <p className="text-body-secondary small">
              Two-factor authentication becomes active after your first login: open your profile and confirm it with a
              code from the app.
            </p>
          </section>
        )}
        <p className="small">
          No mail? <Link to="/verify-email">Send the link again</Link>.
        </p>
      </main>
    );
  }

  return (
    <main className="container py-4" style={{ maxWidth: 440 }}>
      <h1 className="h3 mb-3">Create an account</h1>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="mb-3">
          <label htmlFor="register-name" className="form-label">
            Name
          </label>
          <input
            id="register-name"
            className={`form-control${marked("name")}`}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={tried && invalid.name}
            aria-describedby="register-name-error"
            required
          />
          <div id="register-name-error" className="invalid-feedback">
            Enter your name.
          </div>
        </div>
        <div className="mb-3">
          <label htmlFor="register-email" className="form-label">
            Email
          </label>
          <input
            id="register-email"
            type="email"
            className={`form-control${marked("email")}`}
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={tried && invalid.email}
            aria-describedby="register-email-error"
            required
          />
          <div id="register-email-error" className="invalid-feedback">
            Enter an email address such as name@example.com.
          </div>
        </div>
        <div className="mb-3">
          <label htmlFor="register-password" className="form-label">
            Password
          </label>
          <input
            id="register-password"
            type="password"
            className={`form-control${marked("password")}`}
            autoComplete="new-password"
            aria-describedby="register-password-help"
            aria-invalid={tried && invalid.password}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <PasswordStrength id="register-password-help" verdict={verdict} />
        </div>
        <div className="form-check mb-3">
          <input
            id="register-totp"
            type="checkbox"
            className="form-check-input"
            checked={enableTotp}
            onChange={(e) => setEnableTotp(e.target.checked)}
          />
          <label htmlFor="register-totp" className="form-check-label">
            Enable two-factor authentication
          </label>
        </div>
        <FormAlert error={message} />
        <button type="submit" className="btn btn-primary w-100" disabled={loading}>
          {loading ? "Creating account…" : "Create account"}
        </button>
      </form>
      <p className="mt-3 small">
        Already registered? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
