import { tokenFromMail } from "./mailbox";
import type { TestApp } from "./test-app";

/** Passwords strong enough for the policy (zxcvbn score ≥ 3). */
export const PASSWORD = "violet ladder mountain 42";
export const NEW_PASSWORD = "copper kettle sunrise 77";
export const ADMIN_EMAIL = "admin@orderflow.test";
export const ADMIN_PASSWORD = "harbor lantern quietly 19";

/** Settings that make the app create the first admin at start-up. */
export const ADMIN_ENV = { ADMIN_EMAIL, ADMIN_PASSWORD };

let counter = 0;
/** An email address no other test uses. */
export function uniqueEmail(label = "user"): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Calls a mutation and returns its data, failing the test with the errors when there are any. */
export async function must<T = Record<string, unknown>>(
  api: TestApp,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await api.graphql<T>(query, variables, token);
  if (response.errors !== undefined || response.data === undefined || response.data === null) {
    throw new Error(`operation failed: ${JSON.stringify(response.errors)}\n${query}`);
  }
  return response.data;
}

export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { token user { id email role } } }`;
export const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { user { id email emailVerified totpEnabled } totpSetup { secret otpauthUrl qrCodeDataUrl } }
}`;

/** Logs in and returns the token and the user's id. */
export async function login(api: TestApp, email: string, password: string, totpCode?: string) {
  const data = await must<{ login: { token: string; user: { id: string } } }>(api, LOGIN, {
    input: { email, password, ...(totpCode === undefined ? {} : { totpCode }) },
  });
  return { token: data.login.token, id: data.login.user.id };
}

/** Registers through the API, follows the mailed verification link and logs in. */
export async function signUp(api: TestApp, options: { email?: string; name?: string; password?: string } = {}) {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? PASSWORD;
  await must(api, REGISTER, { input: { name: options.name ?? "Grace Hopper", email, password } });
  const mail = await api.mailbox.next(email);
  await must(api, `mutation($t: String!) { verifyEmail(token: $t) }`, { t: tokenFromMail(mail, "/verify-email") });
  return { email, password, ...(await login(api, email, password)) };
}

/** Logs in as the configured first admin (the app must run with ADMIN_ENV). */
export function loginAdmin(api: TestApp) {
  return login(api, ADMIN_EMAIL, ADMIN_PASSWORD);
}

/** An admin-created, verified customer, logged in. */
export async function createCustomer(
  api: TestApp,
  adminToken: string,
  input: { tier?: string; budgetCents?: number } = {},
) {
  const email = uniqueEmail("customer");
  const data = await must<{ createCustomer: { id: string } }>(
    api,
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { name: "Customer", email, password: PASSWORD, ...input } },
    adminToken,
  );
  const session = await login(api, email, PASSWORD);
  return { email, id: data.createCustomer.id, token: session.token };
}
