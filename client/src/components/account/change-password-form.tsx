import { NewPasswordFields } from "../common/new-password-fields";
import { useMutation } from "@apollo/client/react";
import { useEffect, useState, type FormEvent } from "react";
import { graphql } from "../../gql";
import { errorCode, errorMessage } from "../../lib/errors";
import { changeCredentials } from "../../lib/session";
import { useSession } from "../session/session-provider";
import { FormAlert } from "./form-alert";

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      token
    }
  }
`);

// signIn() reloads the session, which remounts the page: the success note has to outlive this form.
let changedAt: number | null = null;

/** Changes the password; the API revokes older tokens, so the fresh one is stored at once. */
export function ChangePasswordForm() {
  const { signIn } = useSession();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(() => changedAt !== null && Date.now() - changedAt < 30_000);
  useEffect(() => {
    changedAt = null;
  }, []);
  const [change, { loading }] = useMutation(ChangePasswordMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setSaved(false);
    if (newPassword !== confirm) {
      setMessage("The two new passwords do not match.");
      return;
    }
    try {
      // The API closes this session's sockets as it revokes the old token: expected here.
      const changed = await changeCredentials(async () => {
        const { data } = await change({ variables: { currentPassword, newPassword } });
        if (!data) return false;
        changedAt = Date.now();
        await signIn(data.changePassword.token);
        return true;
      });
      if (!changed) return;
      setCurrentPassword("");
      setNewPassword("");
      setConfirm("");
      setSaved(true);
    } catch (error) {
      setMessage(
        errorCode(error) === "INVALID_CREDENTIALS" ? "The current password is not correct." : errorMessage(error),
      );
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="change-password-heading">
      <h2 id="change-password-heading" className="h5">
        Change password
      </h2>
      <div className="mb-3">
        <label htmlFor="profile-current-password" className="form-label">
          Current password
        </label>
        <input
          id="profile-current-password"
          type="password"
          className="form-control"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          required
        />
      </div>
      <NewPasswordFields
        id="profile-new-password"
        confirmId="profile-confirm-password"
        note="Other devices will be logged out."
        password={newPassword}
        onPasswordChange={setNewPassword}
        confirm={confirm}
        onConfirmChange={setConfirm}
      />
      <FormAlert error={message} success={saved ? "Your password has been changed." : null} />
      <button type="submit" className="btn btn-primary" disabled={loading}>
        {loading ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
