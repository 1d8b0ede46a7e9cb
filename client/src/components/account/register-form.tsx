import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql, type FragmentType } from "../../gql";
import { errorCode, errorMessage } from "../../lib/errors";
import { Alert } from "../common/alert";
import { PasswordStrength, usePasswordVerdict } from "../common/password-strength";
import type { RegistrationSentFragment } from "./registration-sent";

const RegisterUserMutation = graphql(`
  mutation RegisterUser($input: RegisterInput!) {
    register(input: $input) {
      ...RegistrationSent_RegisterPayload
    }
  }
`);

interface RegisterFieldProps {
  readonly id: string;
  readonly label: string;
  readonly type?: "email";
  readonly autoComplete: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Shown (and announced) once a submission found the value unusable. */
  readonly invalid: boolean;
  readonly error: string;
}

function RegisterField({ id, label, type, autoComplete, value, onChange, invalid, error }: RegisterFieldProps) {
  return (
    <div className="mb-3">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <input
        id={id}
        type={type}
        className={`form-control${invalid ? " is-invalid" : ""}`}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid}
        aria-describedby={`${id}-error`}
        required
      />
      <div id={`${id}-error`} className="invalid-feedback">
        {error}
      </div>
    </div>
  );
}

/** The registration form: name, email, a strong enough password and, optionally, 2FA. */
export function RegisterForm({
  onRegistered,
}: {
  onRegistered: (registration: FragmentType<typeof RegistrationSentFragment>) => void;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [enableTotp, setEnableTotp] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [register, { loading }] = useMutation(RegisterUserMutation);
  // After a first try, fields that cannot be sent are marked (and nothing is sent).
  const [tried, setTried] = useState(false);
  const verdict = usePasswordVerdict(password, [name, email]);
  const invalid = {
    name: name.trim() === "",
    email: !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()),
    // Until the checker has loaded, only an empty password is known to be wrong.
    password: verdict === undefined ? password === "" : !verdict.ok,
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setTried(true);
    // Judged here too: the live verdict may not have loaded yet when the button is pressed.
    const { judgePassword } = await import("../../lib/password-strength");
    if (invalid.name || invalid.email || !judgePassword(password, [name, email]).ok) return;
    try {
      const { data } = await register({ variables: { input: { name, email, password, enableTotp } } });
      if (data) onRegistered(data.register);
    } catch (error) {
      setMessage(
        errorCode(error) === "CONFLICT"
          ? `${errorMessage(error)} Did you mean to log in or reset your password?`
          : errorMessage(error),
      );
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <RegisterField
        id="register-name"
        label="Name"
        autoComplete="name"
        value={name}
        onChange={setName}
        invalid={tried && invalid.name}
        error="Enter your name."
      />
      <RegisterField
        id="register-email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        invalid={tried && invalid.email}
        error="Enter an email address such as name@example.com."
      />
      <div className="mb-3">
        <label htmlFor="register-password" className="form-label">
          Password
        </label>
        <input
          id="register-password"
          type="password"
          className={`form-control${tried && invalid.password ? " is-invalid" : ""}`}
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
      {message && <Alert kind="danger">{message}</Alert>}
      <button type="submit" className="btn btn-primary w-100" disabled={loading}>
        {loading ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
