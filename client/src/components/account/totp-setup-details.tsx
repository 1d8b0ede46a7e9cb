/** What an authenticator app needs to be set up: the QR code and, for typing in, the secret. */
export function TotpSetupDetails({ qrCodeDataUrl, secret }: { qrCodeDataUrl: string; secret: string }) {
  return (
    <div className="d-flex flex-wrap align-items-center gap-3 my-3" data-testid="totp-setup">
      <img
        src={qrCodeDataUrl}
        alt="QR code for your authenticator app"
        width={180}
        height={180}
        className="border rounded bg-white p-1"
      />
      <div>
        <p className="mb-1">Scan the code with Google Authenticator or a similar app, or enter this secret:</p>
        <code className="fs-6 user-select-all" data-testid="totp-secret">
          {secret}
        </code>
      </div>
    </div>
  );
}
