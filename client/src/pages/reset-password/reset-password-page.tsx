import { NewPasswordFields } from "../../components/common/new-password-fields";
import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { FormAlert } from "../../components/account/form-alert";
import { graphql } from "../../gql";
import { errorCode, errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

/** Sets a new password with the token from the reset mail. */
export function ResetPasswordPage() {
  usePageTitle("Choose a new password");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [done, setDone] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [invalidToken, setInvalidToken] = useState(false);
  const [reset, { loading }] = useMutation(ResetPasswordMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (password !== confirm) {
      setMessage("The two passwords do not match.");
      return;
    }
    try {
      await reset({ variables: { token, newPassword: password } });
      setDone(true);
    } catch (error) {
      setInvalidToken(errorCode(error) === "INVALID_TOKEN");
      setMessage(errorMessage(error));
    }
  };

  return (
    <main className="container py-4" style={{ maxWidth: 440 }}>
      <h1 className="h3 mb-3">Choose a new password</h1>
      {done ? (
        <div className="alert alert-success" role="status">
          Your password has been changed. <Link to="/login">Log in</Link> with the new one.
        </div>
      ) : token === "" ? (
        <div className="alert alert-warning" role="alert">
          This page needs the link from the reset mail. <Link to="/forgot-password">Request a new link</Link>.
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <NewPasswordFields
            id="reset-password"
            confirmId="reset-confirm"
            password={password}
            onPasswordChange={setPassword}
            confirm={confirm}
            onConfirmChange={setConfirm}
          />
          <FormAlert error={message} />
          {invalidToken && (
            <p className="small">
              <Link to="/forgot-password">Request a new reset link</Link>
            </p>
          )}
          <button type="submit" className="btn btn-primary w-100" disabled={loading}>
            {loading ? "Saving…" : "Set new password"}
          </button>
        </form>
      )}
    </main>
  );
}
