import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql } from "../../gql";
import type { BeginTotpSetupMutation as BeginTotpSetupMutationResult } from "../../gql/graphql";
import { errorCode, errorMessage } from "../../lib/errors";
import { FormAlert } from "./form-alert";
import { TotpSetupDetails } from "./totp-setup-details";

const BeginTotpSetupMutation = graphql(`
  mutation BeginTotpSetup {
    beginTotpSetup {
      secret
      qrCodeDataUrl
    }
  }
`);

const EnableTotpMutation = graphql(`
  mutation EnableTotp($code: String!) {
    enableTotp(code: $code) {
      id
      totpEnabled
      totpPending
    }
  }
`);

const DisableTotpMutation = graphql(`
  mutation DisableTotp($code: String!, $password: String!) {
    disableTotp(code: $code, password: $password) {
      id
      totpEnabled
      totpPending
    }
  }
`);

/** Turns two-factor authentication on (QR code, then one valid code) or off (password and code). */
export function TwoFactorSettings({ enabled }: { enabled: boolean }) {
  return (
    <section aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading" className="h5">
        Two-factor authentication
      </h2>
      <p data-testid="totp-status">
        Status:{" "}
        {enabled ? (
          <span className="badge text-bg-success">On</span>
        ) : (
          <span className="badge text-bg-secondary">Off</span>
        )}
      </p>
      {enabled ? <DisableForm /> : <EnableFlow />}
    </section>
  );
}

function EnableFlow() {
  const [setup, setSetup] = useState<BeginTotpSetupMutationResult["beginTotpSetup"] | null>(null);
  const [code, setCode] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [begin, beginState] = useMutation(BeginTotpSetupMutation);
  const [enable, enableState] = useMutation(EnableTotpMutation);

  const start = async () => {
    setMessage(null);
    setCode("");
    try {
      const { data } = await begin();
      if (data) setSetup(data.beginTotpSetup);
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await enable({ variables: { code: code.trim() } });
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  const codeField = (
    <div className="mb-3" style={{ maxWidth: 240 }}>
      <label htmlFor="totp-enable-code" className="form-label">
        Code from the app
      </label>
      <input
        id="totp-enable-code"
        className="form-control"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        required
      />
    </div>
  );

  if (setup === null) {
    return (
      <>
        <p className="text-body-secondary">
          Protect your account with a code from an authenticator app (Google Authenticator or similar).
        </p>
        <button
          type="button"
          className="btn btn-outline-primary"
          onClick={() => void start()}
          disabled={beginState.loading}
        >
          {beginState.loading ? "Preparing…" : "Set up"}
        </button>
        {/* The secret shown at registration stays pending until a first code confirms it. */}
        <form onSubmit={(event) => void confirm(event)} noValidate className="mt-4">
          <p className="mb-2">Chose two-factor authentication when you registered? Enter a code from the app:</p>
          {codeField}
          <FormAlert error={message} />
          <button type="submit" className="btn btn-primary" disabled={enableState.loading}>
            {enableState.loading ? "Turning on…" : "Turn on"}
          </button>
        </form>
      </>
    );
  }
  return (
    <form onSubmit={(event) => void confirm(event)} noValidate>
      <TotpSetupDetails qrCodeDataUrl={setup.qrCodeDataUrl} secret={setup.secret} />
      {codeField}
      <FormAlert error={message} />
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary" disabled={enableState.loading}>
          {enableState.loading ? "Turning on…" : "Turn on"}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={() => setSetup(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DisableForm() {
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [disable, { loading }] = useMutation(DisableTotpMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await disable({ variables: { password, code: code.trim() } });
    } catch (error) {
      setMessage(errorCode(error) === "INVALID_CREDENTIALS" ? "The password is not correct." : errorMessage(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate style={{ maxWidth: 360 }}>
      <div className="mb-3">
        <label htmlFor="totp-disable-password" className="form-label">
          Password
        </label>
        <input
          id="totp-disable-password"
          type="password"
          className="form-control"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </div>
      <div className="mb-3">
        <label htmlFor="totp-disable-code" className="form-label">
          Code from the app
        </label>
        <input
          id="totp-disable-code"
          className="form-control"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
        />
      </div>
      <FormAlert error={message} />
      <button type="submit" className="btn btn-outline-danger" disabled={loading}>
        {loading ? "Turning off…" : "Turn off"}
      </button>
    </form>
  );
}
