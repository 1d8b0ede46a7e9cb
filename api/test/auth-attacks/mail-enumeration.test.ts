/**
 * Account enumeration through the mail operations: requestPasswordReset and
 * resendVerificationEmail answer every email alike, and mail only real accounts. Run against the
 * real server (HTTP and graphql-ws), a real SMTP peer and the embedded database; each describe has
 * an app, a clock and a database of its own (helpers/auth-attacks.ts).
 */
import { signUp, uniqueEmail } from "../helpers/accounts";
import { registerUnverified, transcript, useApp } from "../helpers/auth-attacks";
import { REQUEST_RESET, RESEND_VERIFICATION } from "../helpers/auth-operations";
import { itSendsNoSecrets } from "../support/secret-leaks";

describe("2. account enumeration through the mail operations", () => {
  const h = useApp();

  /** The response exactly as sent: status, content type and body text. */
  async function post(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${h.api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.text();
    transcript.push({ query, variables, body });
    return { status: response.status, contentType: response.headers.get("content-type"), body };
  }

  it("answers requestPasswordReset for an unknown and a known email with the same status and body, mailing only the known one", async () => {
    const known = await signUp(h.api);
    const nobody = uniqueEmail("nobody");
    const forUnknown = await post(REQUEST_RESET, { email: nobody });
    const forKnown = await post(REQUEST_RESET, { email: known.email });
    expect(forUnknown).toEqual({
      status: 200,
      contentType: "application/json; charset=utf-8",
      body: `{"data":{"requestPasswordReset":true}}\n`,
    });
    expect(forKnown).toEqual(forUnknown);
    expect((await h.api.mailbox.next(known.email)).text).toContain("/reset-password?token=");
    expect(await h.api.mailbox.drain(nobody, 300)).toEqual([]);
  });

  it("answers resendVerificationEmail for an unknown and a known email with the same status and body, mailing only the unverified one", async () => {
    const unverified = await registerUnverified(h.api);
    const verified = await signUp(h.api);
    const nobody = uniqueEmail("nobody");
    const forUnknown = await post(RESEND_VERIFICATION, { email: nobody });
    const forUnverified = await post(RESEND_VERIFICATION, { email: unverified.email });
    const forVerified = await post(RESEND_VERIFICATION, { email: verified.email });
    expect(forUnknown).toEqual({
      status: 200,
      contentType: "application/json; charset=utf-8",
      body: `{"data":{"resendVerificationEmail":true}}\n`,
    });
    expect(forUnverified).toEqual(forUnknown);
    expect(forVerified).toEqual(forUnknown);
    expect((await h.api.mailbox.next(unverified.email)).text).toContain("/verify-email?token=");
    expect(await h.api.mailbox.drain(nobody, 300)).toEqual([]);
    expect(await h.api.mailbox.drain(verified.email, 0)).toEqual([]);
  });
});

itSendsNoSecrets();
