/**
 * The harness of the attacks on authentication and authorization (api/test/auth-attacks/): each
 * describe is one attack with an app, a clock and a database of its own. Every response body of a
 * test file is kept, for the leak checks (support/secret-leaks.ts).
 */
import jwt from "jsonwebtoken";
import { generate } from "otplib";
import { ManualClock } from "../../src/clock";
import type { LoginThrottleOptions } from "../../src/modules/auth";
import { ADMIN_ENV, loginAdmin, must, PASSWORD, REGISTER, uniqueEmail } from "./accounts";
import { BEGIN_TOTP, ENABLE_TOTP, ME, REQUEST_RESET, SESSION_ENDED, SNAPSHOT } from "./auth-operations";
import { tokenFromMail, type Mailbox } from "./mailbox";
import { startTestApp, wsRequest, type GraphQLResponse, type TestApp } from "./test-app";

/** Every request and response body of the test file (a module per file), over both transports: the leak checks read it. */
export const transcript: { query: string; variables?: Record<string, unknown>; body: unknown }[] = [];
/** The mailbox of every app the test file started: their mails hold every token the apps sent. */
export const mailboxes: Mailbox[] = [];

/** The app of one describe (set once its beforeAll ran) and the clock it runs on. */
export interface AppHandle {
  readonly clock: ManualClock;
  api: TestApp;
}

/** Starts an app (with the first admin) for the enclosing describe, recording what it answers. */
export function useApp(loginThrottle?: LoginThrottleOptions): AppHandle {
  const handle = { clock: new ManualClock(new Date()) } as AppHandle;
  beforeAll(async () => {
    const api = await startTestApp({
      clock: handle.clock,
      env: ADMIN_ENV,
      ...(loginThrottle === undefined ? {} : { loginThrottle }),
    });
    mailboxes.push(api.mailbox);
    const graphql = async <T>(query: string, variables?: Record<string, unknown>, token?: string) => {
      const response = await api.graphql<T>(query, variables, token);
      transcript.push({ query, ...(variables === undefined ? {} : { variables }), body: response });
      return response;
    };
    handle.api = { ...api, graphql };
  });
  afterAll(async () => {
    await handle.api.stop();
  });
  return handle;
}

/** One operation over graphql-ws (its result recorded too). */
export async function wsAsk(api: TestApp, token: string | undefined, query: string) {
  const result = await wsRequest(api.wsClient(token), query);
  transcript.push({ query, body: result });
  return result;
}

/** The codes of a response's errors, in order. */
export const codes = (response: { errors?: GraphQLResponse["errors"] }) =>
  response.errors?.map((e) => e.extensions?.code);

/** The app clock in whole seconds, as TOTP counts it. */
export const epochOf = (clock: ManualClock) => Math.floor(clock.now().getTime() / 1000);

/** Moves the clock to `second` seconds into a 30-second TOTP step. */
export function alignToStep(clock: ManualClock, second: number) {
  clock.advance(((((second - (epochOf(clock) % 30)) % 30) + 30) % 30) * 1000);
}

/** The code an authenticator app shows at `epoch`. */
export const totpAt = (secret: string, epoch: number) => generate({ secret, epoch });

/** Registers without verifying; takes the verification mail. */
export async function registerUnverified(api: TestApp) {
  const email = uniqueEmail("unverified");
  const { register } = await must<{ register: { user: { id: string } } }>(api, REGISTER, {
    input: { name: "Eve Example", email, password: PASSWORD },
  });
  const verifyToken = tokenFromMail(await api.mailbox.next(email), "/verify-email");
  return { email, id: register.user.id, verifyToken };
}

/** Asks for a reset mail and returns the token it links to. */
export async function mailedResetToken(api: TestApp, email: string): Promise<string> {
  expect(await must(api, REQUEST_RESET, { email })).toEqual({ requestPasswordReset: true });
  return tokenFromMail(await api.mailbox.next(email), "/reset-password");
}

/** Turns 2FA on for a logged-in user; returns the secret. The clock ends one step after the enabling code. */
export async function turnOnTotp(handle: AppHandle, token: string): Promise<string> {
  const { beginTotpSetup } = await must<{ beginTotpSetup: { secret: string } }>(handle.api, BEGIN_TOTP, {}, token);
  const code = await totpAt(beginTotpSetup.secret, epochOf(handle.clock));
  expect(await must(handle.api, ENABLE_TOTP, { code }, token)).toEqual({ enableTotp: { totpEnabled: true } });
  handle.clock.advance(30_000);
  return beginTotpSetup.secret;
}

/** What the admin sees of every user. */
export async function snapshot(api: TestApp) {
  const admin = await loginAdmin(api);
  return must(api, SNAPSHOT, {}, admin.token);
}

/** A token refused over HTTP (401, UNAUTHENTICATED) and over graphql-ws (socket closed with 4403). */
export async function expectSessionRefused(api: TestApp, token: string) {
  const response = await api.graphql(ME, {}, token);
  expect({ status: response.status, data: response.data ?? null, codes: codes(response) }).toEqual({
    status: 401,
    data: null,
    codes: ["UNAUTHENTICATED"],
  });
  await expect(wsRequest(api.wsClient(token), ME)).rejects.toMatchObject({ code: SESSION_ENDED });
}

export const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
export const claimsOf = (token: string) =>
  jwt.decode(token) as { sub: string; role: string; ver: number; iat: number; exp: number; iss: string };
