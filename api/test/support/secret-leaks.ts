/**
 * The leak checks of the attacks on authentication: what must never show in a response, a log
 * entry or a stored record (passwords, mailed tokens, TOTP secrets, hashes, other users' JWTs),
 * read from the transcript and the mailboxes the harness (helpers/auth-attacks.ts) keeps per file.
 */
import jwt from "jsonwebtoken";
import { hashApiToken } from "../../src/modules/api-tokens";
import { ADMIN_PASSWORD, NEW_PASSWORD, PASSWORD } from "../helpers/accounts";
import { mailboxes, transcript } from "../helpers/auth-attacks";
import { OTHER_PASSWORD, WRONG_PASSWORD } from "../helpers/auth-operations";

/** Passwords sent in any request of this file (long enough to be real ones). */
export function passwordsUsed(): string[] {
  const found = new Set<string>([PASSWORD, NEW_PASSWORD, OTHER_PASSWORD, WRONG_PASSWORD, ADMIN_PASSWORD]);
  const walk = (value: unknown, key = "") => {
    if (typeof value === "string" && /password/i.test(key) && value.length >= 8) found.add(value);
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
  };
  for (const exchange of transcript) walk(exchange.variables);
  return [...found];
}

/** Every token any app of this file mailed (verification and reset links). */
export const mailedTokens = () =>
  mailboxes.flatMap((mailbox) =>
    mailbox.received.flatMap((mail) => [...mail.text.matchAll(/token=([A-Za-z0-9_-]+)/g)].map((m) => m[1])),
  );

/** A response body without what it may carry of the caller's own: its fresh token, its TOTP setup. */
export function withoutOwnSecrets(body: unknown): unknown {
  if (typeof body !== "object" || body === null || !("data" in body)) return body;
  const data = (body as { data?: Record<string, unknown> | null }).data;
  if (data === null || data === undefined) return body;
  const copy: Record<string, unknown> = { ...data };
  for (const field of ["login", "changePassword"]) {
    const payload = copy[field] as { token?: string; user?: { id?: string } } | undefined;
    if (payload?.token === undefined) continue;
    // The token in an AuthPayload belongs to the user beside it.
    if (payload.user?.id !== undefined) {
      expect((jwt.decode(payload.token) as { sub?: string } | null)?.sub).toBe(payload.user.id);
    }
    copy[field] = { ...payload, token: "(own token)" };
  }
  if (copy["register"] !== undefined) copy["register"] = { ...(copy["register"] as object), totpSetup: "(own)" };
  if (copy["beginTotpSetup"] !== undefined) copy["beginTotpSetup"] = "(own setup)";
  // A new API token's secret is shown to its creator this once.
  if (copy["createApiToken"] !== undefined)
    copy["createApiToken"] = { ...(copy["createApiToken"] as object), token: "(own)" };
  return { ...(body as object), data: copy };
}

/** TOTP secrets handed out in this file (each to its own user, in a TotpSetup). */
export function totpSecrets(): string[] {
  return transcript.flatMap(({ body }) => {
    const data = (body as { data?: Record<string, { secret?: string; totpSetup?: { secret?: string } | null }> }).data;
    return [data?.["beginTotpSetup"]?.secret, data?.["register"]?.totpSetup?.secret].filter(
      (s): s is string => typeof s === "string",
    );
  });
}

/** The secrets of the API tokens created in this file (each shown once, to its creator). */
export function apiTokensIssued(): string[] {
  return transcript.flatMap(({ body }) => {
    const token = (body as { data?: { createApiToken?: { token?: string } } | null }).data?.createApiToken?.token;
    return typeof token === "string" ? [token] : [];
  });
}

/** What must never show: each secret known so far, named by kind, and the marks of hashes and JWTs. */
export function knownSecrets(): { what: string; value: string }[] {
  return [
    ...passwordsUsed().map((value) => ({ what: `password "${value}"`, value })),
    ...mailedTokens().map((value) => ({ what: `mailed token ${value}`, value })),
    ...totpSecrets().map((value) => ({ what: `TOTP secret ${value}`, value })),
    ...apiTokensIssued().flatMap((value) => [
      { what: `API token ${value}`, value },
      { what: `the stored hash of API token ${value}`, value: hashApiToken(value) },
    ]),
    { what: "an argon2 hash", value: "$argon2" },
    { what: "a JWT", value: "eyJ" },
  ];
}

/** The secrets found in `text`. */
export const secretsIn = (text: string, secrets = knownSecrets()) =>
  secrets.filter(({ value }) => text.includes(value)).map(({ what }) => what);

/** Each secret found in a response of this file, but the caller's own token and TOTP setup, with its query. */
export function leaksInResponses(): { query: string; what: string }[] {
  const secrets = knownSecrets();
  return transcript.flatMap(({ query, body }) =>
    secretsIn(typeof body === "string" ? body : JSON.stringify(withoutOwnSecrets(body)), secrets).map((what) => ({
      query,
      what,
    })),
  );
}

/** The last check of a test file: no response it recorded carries a secret but the caller's own. */
export function itSendsNoSecrets(): void {
  it("sends no secret in any response of this file but the caller's own token and TOTP setup", () => {
    expect(transcript.length).toBeGreaterThan(0);
    expect(leaksInResponses()).toEqual([]);
  });
}
