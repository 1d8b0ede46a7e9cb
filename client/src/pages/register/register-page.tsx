import { useState } from "react";
import { Link } from "react-router";
import { RegisterForm } from "../../components/account/register-form";
import { RegistrationSent, type RegistrationSentFragment } from "../../components/account/registration-sent";
import type { FragmentType } from "../../gql";
import { usePageTitle } from "../../hooks/use-page-title";

/** Creates an account; afterwards asks the reader to confirm the address from the mail. */
export function RegisterPage() {
  const [registration, setRegistration] = useState<FragmentType<typeof RegistrationSentFragment> | null>(null);
  usePageTitle(registration ? "Check your mail" : "Create an account");

  if (registration) {
    return (
      <main className="container py-4" style={{ maxWidth: 560 }}>
        <h1 className="h3 mb-3">Check your mail</h1>
        <RegistrationSent registration={registration} />
      </main>
    );
  }

  return (
    <main className="container py-4" style={{ maxWidth: 440 }}>
      <h1 className="h3 mb-3">Create an account</h1>
      <RegisterForm onRegistered={setRegistration} />
      <p className="mt-3 small">
        Already registered? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
