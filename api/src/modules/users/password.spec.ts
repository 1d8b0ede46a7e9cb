import { BadUserInputError } from "../../graphql/errors";
import { assertStrongPassword, hashPassword, verifyPassword } from "./password";

describe("assertStrongPassword()", () => {
  it("accepts a passphrase of unrelated words", () => {
    expect(() => assertStrongPassword("violet ladder mountain 42")).not.toThrow();
  });

  it.each(["password1", "Password123!", "qwertyuiop", "iloveyou2"])("refuses the common password %s", (password) => {
    expect(() => assertStrongPassword(password)).toThrow(BadUserInputError);
  });

  it("refuses fewer than 8 and more than 128 characters", () => {
    expect(() => assertStrongPassword("a1!B2@c")).toThrow(/8 to 128 characters/);
    expect(() => assertStrongPassword("violet ladder ".repeat(10))).toThrow(/8 to 128 characters/);
  });

  it("refuses a password made of the user's own name", () => {
    expect(() =>
      assertStrongPassword("marguerite.yourcenar", ["Marguerite Yourcenar", "marguerite.yourcenar"]),
    ).toThrow(BadUserInputError);
  });

  it("names the field it was given", () => {
    expect(() => assertStrongPassword("short", [], "newPassword")).toThrow(
      expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", field: "newPassword" } }) as Error,
    );
  });
});

describe("hashPassword()", () => {
  it("makes a salted argon2id hash at the OWASP minimum that verifies only the password", async () => {
    const hash = await hashPassword("violet ladder mountain 42");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashPassword("violet ladder mountain 42")).not.toBe(hash);
    expect(await verifyPassword(hash, "violet ladder mountain 42")).toBe(true);
    expect(await verifyPassword(hash, "violet ladder mountain 43")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});
