import { Link } from "react-router";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { Alert } from "../common/alert";
import { TotpSetupDetails } from "./totp-setup-details";

export const RegistrationSentFragment = graphql(`
  fragment RegistrationSent_RegisterPayload on RegisterPayload {
    user {
      id
      email
    }
    totpSetup {
      secret
      qrCodeDataUrl
    }
  }
`);

/** After registering: where the confirmation link went and, when 2FA was asked for, its setup. */
export function RegistrationSent(props: { registration: FragmentType<typeof RegistrationSentFragment> }) {
  const { user, totpSetup } = useFragment(RegistrationSentFragment, props.registration);
  return (
    <>
      <Alert kind="success">
        We sent a confirmation link to <strong>{user.email}</strong>. Open it to activate your account, then{" "}
        <Link to="/login">log in</Link>.
      </Alert>
      {totpSetup && (
        <section aria-labelledby="register-totp-heading">
          <h2 id="register-totp-heading" className="h5">
            Two-factor authentication
          </h2>
          <TotpSetupDetails qrCodeDataUrl={totpSetup.qrCodeDataUrl} secret={totpSetup.secret} />
          <p className="text-body-secondary small">
            Two-factor authentication becomes active after your first login: open your profile and confirm it with a
            code from the app.
          </p>
        </section>
      )}
      <p className="small">
        No mail? <Link to="/verify-email">Send the link again</Link>.
      </p>
    </>
  );
}
