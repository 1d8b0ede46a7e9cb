import { ADMIN_PASSWORD, NEW_PASSWORD, PASSWORD, uniqueEmail } from "../../helpers/accounts";
import { corrupt, notLoggedIn, someString, type Spec } from "./generators";
import { chance, pick } from "./random";
import {
  BAD_EMAILS,
  BAD_NAMES,
  NOT_BOOLEAN,
  NOT_STRING,
  NOT_STRING_NONNULL,
  ODD_STRINGS,
  WEAK_PASSWORDS,
  WHOLE_BAD_INPUT,
} from "./values";

/** The account mutations (sign-up, verification, login, passwords, profile, 2FA) and the arguments each must refuse. */
export const ACCOUNT_OPERATIONS: Record<string, Spec> = {
  register: {
    args: [["input", "RegisterInput!"]],
    kind: "RegisterPayload",
    generate(r, w) {
      if (chance(r, 0.15)) return { vars: { input: pick(r, [...WHOLE_BAD_INPUT, {}]) } };
      const base = { name: "Grace Hopper", email: uniqueEmail("bad-register"), password: PASSWORD };
      const input = corrupt(r, base, [
        (i) => (i["name"] = pick(r, [...BAD_NAMES, ...NOT_STRING])),
        (i) => (i["email"] = pick(r, [...BAD_EMAILS, ...NOT_STRING, ...w.existingEmails])),
        (i) => (i["password"] = pick(r, [...WEAK_PASSWORDS, ...NOT_STRING])),
        (i) => (i["enableTotp"] = pick(r, NOT_BOOLEAN)),
        (i) => (i[pick(r, ["role", "tier", "budgetCents", "emailVerified"])] = pick(r, ["ADMIN", 1e9, true])),
      ]);
      return { vars: { input } };
    },
  },
  verifyEmail: {
    args: [["token", "String!"]],
    kind: "scalar",
    generate: (r) => ({ vars: { token: pick(r, [...ODD_STRINGS, ...NOT_STRING, "a".repeat(43), "b".repeat(101)]) } }),
  },
  resendVerificationEmail: {
    args: [["email", "String!"]],
    kind: "scalar",
    generate(r) {
      const email = pick(r, [...BAD_EMAILS, ...ODD_STRINGS, ...NOT_STRING, uniqueEmail("nobody")]);
      return { vars: { email }, mayReturnTrue: typeof email === "string" };
    },
  },
  login: {
    args: [["input", "LoginInput!"]],
    kind: "AuthPayload",
    generate(r, w) {
      if (chance(r, 0.15)) return { vars: { input: pick(r, [...WHOLE_BAD_INPUT, {}]) } };
      const input: Record<string, unknown> = {
        email: chance(r, 0.4)
          ? pick(r, w.loginEmails)
          : pick(r, [...BAD_EMAILS, ...ODD_STRINGS, ...NOT_STRING, uniqueEmail("nobody")]),
        // Never the real password of anyone.
        password: pick(r, [
          ...ODD_STRINGS,
          ...WEAK_PASSWORDS,
          ...NOT_STRING,
          `${PASSWORD}!`,
          ADMIN_PASSWORD.toUpperCase(),
        ]),
      };
      if (chance(r, 0.3)) input["totpCode"] = pick(r, [...ODD_STRINGS, ...NOT_STRING_NONNULL]);
      if (chance(r, 0.1)) input["bogus"] = 1;
      return { vars: { input } };
    },
  },
  logout: {
    args: [],
    kind: "scalar",
    generate: (r) => ({ vars: {}, caller: notLoggedIn(r), invalidArgs: false }),
  },
  requestPasswordReset: {
    args: [["email", "String!"]],
    kind: "scalar",
    generate(r) {
      const email = pick(r, [...BAD_EMAILS, ...ODD_STRINGS, ...NOT_STRING, uniqueEmail("nobody")]);
      return { vars: { email }, mayReturnTrue: typeof email === "string" };
    },
  },
  resetPassword: {
    args: [
      ["token", "String!"],
      ["newPassword", "String!"],
    ],
    kind: "scalar",
    generate: (r) => ({
      vars: {
        token: pick(r, [...ODD_STRINGS, ...NOT_STRING, "a".repeat(43)]),
        newPassword: pick(r, [NEW_PASSWORD, ...WEAK_PASSWORDS, ...NOT_STRING]),
      },
    }),
  },
  changePassword: {
    args: [
      ["currentPassword", "String!"],
      ["newPassword", "String!"],
    ],
    kind: "AuthPayload",
    generate(r, w) {
      const caller = pick(r, ["admin", "c1", "c2", "c1", "c2", "anon", "garbage"] as const);
      if (caller !== "anon" && caller !== "garbage" && chance(r, 0.4)) {
        // The right current password, a new one that must be refused.
        return {
          vars: { currentPassword: w.passwords[caller], newPassword: pick(r, [...WEAK_PASSWORDS, ...NOT_STRING]) },
          caller,
        };
      }
      return {
        vars: {
          currentPassword: pick(r, [...ODD_STRINGS, ...WEAK_PASSWORDS, ...NOT_STRING, `${PASSWORD} `, NEW_PASSWORD]),
          newPassword: pick(r, [NEW_PASSWORD, ...WEAK_PASSWORDS, ...NOT_STRING]),
        },
        caller,
      };
    },
  },
  updateProfile: {
    args: [["name", "String!"]],
    kind: "User",
    generate: (r) => ({ vars: { name: pick(r, [...BAD_NAMES, ...NOT_STRING]) } }),
  },
  beginTotpSetup: {
    args: [],
    kind: "TotpSetup",
    generate: (r) => ({ vars: {}, caller: notLoggedIn(r), invalidArgs: false }),
  },
  enableTotp: {
    // Nobody has started a setup: CONFLICT for any code.
    args: [["code", "String!"]],
    kind: "User",
    generate: (r) => ({ vars: { code: someString(r) } }),
  },
  disableTotp: {
    // Nobody has 2FA on: CONFLICT whatever the password and code.
    args: [
      ["password", "String!"],
      ["code", "String!"],
    ],
    kind: "User",
    generate: (r) => ({
      vars: { password: pick(r, [PASSWORD, ADMIN_PASSWORD, ...ODD_STRINGS, ...NOT_STRING]), code: someString(r) },
    }),
  },
};
