/**
 * Account enumeration through login: an unknown email, a wrong password, an unverified or a
 * deleted account all get the same answer. Run against the real server (HTTP and graphql-ws), a
 * real SMTP peer and the embedded database; each describe has an app, a clock and a database of
 * its own (helpers/auth-attacks.ts).
 */
import { createCustomer, LOGIN, loginAdmin, must, PASSWORD, signUp, uniqueEmail } from "../helpers/accounts";
import { codes, registerUnverified, useApp } from "../helpers/auth-attacks";
import { DELETE_CUSTOMER, INVALID_CREDENTIALS_MESSAGE, WRONG_PASSWORD } from "../helpers/auth-operations";
import { itSendsNoSecrets } from "../support/secret-leaks";

describe("1. account enumeration through login", () => {
  const h = useApp();

  it("refuses an unverified account's right password with EMAIL_NOT_VERIFIED", async () => {
    const { email } = await registerUnverified(h.api);
    const response = await h.api.graphql(LOGIN, { input: { email, password: PASSWORD } });
    expect({ status: response.status, data: response.data, codes: codes(response) }).toEqual({
      status: 200,
      data: null,
      codes: ["EMAIL_NOT_VERIFIED"],
    });
  });

  it("answers an unknown email and a known email's wrong password with the same errors and status", async () => {
    const known = await signUp(h.api);
    const unknown = await h.api.graphql(LOGIN, { input: { email: uniqueEmail("nobody"), password: PASSWORD } });
    const wrong = await h.api.graphql(LOGIN, { input: { email: known.email, password: WRONG_PASSWORD } });
    expect(unknown).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: INVALID_CREDENTIALS_MESSAGE,
          locations: [{ line: 1, column: 39 }],
          path: ["login"],
          extensions: { code: "INVALID_CREDENTIALS" },
        },
      ],
    });
    expect(wrong).toEqual(unknown);
  });

  it("answers an unverified account's wrong password and a deleted customer's right password like an unknown email", async () => {
    const unknown = await h.api.graphql(LOGIN, { input: { email: uniqueEmail("nobody"), password: PASSWORD } });
    const unverified = await registerUnverified(h.api);
    const admin = await loginAdmin(h.api);
    const customer = await createCustomer(h.api, admin.token);
    expect(await must(h.api, DELETE_CUSTOMER, { id: customer.id }, admin.token)).toEqual({ deleteCustomer: true });

    const unverifiedWrong = await h.api.graphql(LOGIN, {
      input: { email: unverified.email, password: WRONG_PASSWORD },
    });
    const deletedRight = await h.api.graphql(LOGIN, { input: { email: customer.email, password: PASSWORD } });
    expect(codes(unknown)).toEqual(["INVALID_CREDENTIALS"]);
    expect(unverifiedWrong).toEqual(unknown);
    expect(deletedRight).toEqual(unknown);
  });
});

itSendsNoSecrets();
