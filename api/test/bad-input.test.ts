import { parse } from "graphql";
import mongoose, { type mongo } from "mongoose";
import {
  ADMIN_EMAIL,
  ADMIN_ENV,
  ADMIN_PASSWORD,
  createCustomer,
  loginAdmin,
  must,
  NEW_PASSWORD,
  PASSWORD,
  uniqueEmail,
} from "./helpers/accounts";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";
import { seededRandom } from "../src/lib/seeded-random";

/*
 * Fuzzes every mutation of the contract with inputs that must be refused: wrong JSON types, huge
 * and odd strings, malformed and unknown ids, out-of-range and overflowing numbers, operator
 * objects, deep nesting, malformed documents, bad credentials. Every response must be a GraphQL
 * error with a client-side code (never INTERNAL_SERVER_ERROR, never a 5xx), and the data must be
 * the same afterwards as before.
 *
 * BAD_INPUT_SEED (environment) picks another workload; BAD_INPUT_PER_MUTATION its size.
 */

const SEED = Number(process.env["BAD_INPUT_SEED"] ?? "") || 20_240_607;
const PER_MUTATION = Number(process.env["BAD_INPUT_PER_MUTATION"] ?? "") || 100;
const PARALLEL = 16;

/** The codes an invalid request may end with (Apollo's OPERATION_RESOLUTION_FAILURE is request-level too). */
const EXPECTED_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "INVALID_TOKEN",
  "INVALID_CREDENTIALS",
  "TOTP_INVALID",
  "CONFLICT",
  "INSUFFICIENT_STOCK",
  "TOO_MANY_REQUESTS",
]);

// ---------------------------------------------------------------- randomness

type Rng = () => number;

const seeded = seededRandom;
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const chance = (r: Rng, p: number): boolean => r() < p;
const between = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const hex24 = (r: Rng): string => Array.from({ length: 24 }, () => "0123456789abcdef"[between(r, 0, 15)]).join("");

// ---------------------------------------------------------------- the library of bad values

const KB100 = "x".repeat(100_000);
const KB100_UNICODE = "😀\u202e\u200b\u0000".repeat(20_000);
const nestObject = (depth: number): unknown => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const nestArray = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const DEEP = [nestObject(40), nestObject(800), nestArray(40), nestArray(800)];
const OPERATORS: readonly unknown[] = [
  { $ne: null },
  { $gt: "" },
  { $where: "1" },
  { $regex: ".*" },
  { $in: [] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
];
/** Not a string, a number, a boolean, an id: objects and arrays of every kind. */
const STRUCTURES: readonly unknown[] = [{}, [], [1, 2], { a: 1 }, ["a"], [null], ...OPERATORS, ...DEEP];
/** Fails String coercion (null only where the type is non-null: see NOT_STRING). */
const NOT_STRING_NONNULL: readonly unknown[] = [0, 1, -1, 3.14, 1e308, true, false, ...STRUCTURES];
const NOT_STRING: readonly unknown[] = [...NOT_STRING_NONNULL, null];
/** Fails ID coercion (integers become strings, so they are in BAD_ID_STRINGS' spirit instead). */
const NOT_ID: readonly unknown[] = [3.14, -0.5, 1e308, true, false, null, ...STRUCTURES];
/** Fails Int coercion. */
const NOT_INT: readonly unknown[] = [
  0.5,
  -0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e308,
  -1e308,
  "1",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "1e3",
  "",
  true,
  null,
  ...STRUCTURES,
];
/** Fails SafeInt coercion. */
const NOT_SAFE_INT: readonly unknown[] = [
  0.5,
  -0.5,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  1e308,
  -1e308,
  "100",
  "NaN",
  "Infinity",
  "",
  true,
  null,
  ...STRUCTURES,
];
const NOT_BOOLEAN: readonly unknown[] = ["true", "false", "yes", 1, 0, ...STRUCTURES];
/** Strings that no token, code, id, email or password of this run equals. */
const ODD_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udfff",
  "a\ud800b",
  "\u202egnp.exe",
  "\u200b",
  "😀",
  "\ufeff",
  "\u2028\u2029",
  "Z̸̢̛͔a̧̡̘l̵g̶o̵",
  "' OR '1'='1",
  '{"$ne":null}',
  "$where",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "%00",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "1e308",
  "000000",
  "123456",
  KB100,
  KB100_UNICODE,
];
/** Names that are not 1 to 100 printable characters. */
const BAD_NAMES: readonly string[] = [
  "",
  " ",
  "   \t\n ",
  "\u0000",
  "a\u0000b",
  "\u0007bell",
  "\u001b[31mred",
  "\u007f",
  "\u0085",
  "\u202egnp.exe",
  "evil\u202e",
  "\u2066x\u2069",
  "\ufeff",
  "\u2028",
  // Not characters at all (lone surrogates) and invisible-only names.
  "\ud800",
  "\udfff",
  "Ada\ud800",
  "\u200b",
  "\u200c\u200d",
  "\u2060",
  "\u200f",
  "x".repeat(101),
  "é".repeat(101),
  "😀".repeat(101),
  KB100,
  KB100_UNICODE,
];
const BAD_EMAILS: readonly string[] = [
  "",
  " ",
  "plainaddress",
  "@no-local.org",
  "no-at.example.com",
  "a@b",
  "a b@c.de",
  "a@b c.de",
  "a@@b.cd",
  `${"a".repeat(250)}@x.io`,
  "a\u0000@b.cd",
  "a\u0007@b.cd",
  "\u202e@evil.io",
  "x@y.z\u202e",
  KB100,
];
/** Too short, too long or too easy to guess. */
const WEAK_PASSWORDS: readonly string[] = [
  "",
  "short",
  "1234567",
  "password",
  "password1",
  "12345678",
  "qwertyuiop",
  "aaaaaaaaaaaa",
  "abcdefgh",
  "x".repeat(129),
  "😀".repeat(65),
  KB100,
];
/** Malformed ids (never 24 hex digits). */
const BAD_ID_STRINGS: readonly unknown[] = [
  "",
  " ",
  "nope",
  "0123456789abcdef0123456",
  "0123456789abcdef012345678",
  "zzzzzzzzzzzzzzzzzzzzzzzz",
  "aaaaaaaaaaaa",
  "0123456789abcdef0123456\u0000",
  "ObjectId('0123456789abcdef01234567')",
  '{"$oid":"0123456789abcdef01234567"}',
  "\ud800",
  "😀",
  "-1",
  "$where",
  KB100,
  42,
  -1,
  0,
];
const TIERS = ["STANDARD", "PREMIUM"];
const BAD_ENUM: readonly unknown[] = [
  "GOLD",
  "premium",
  "PREMIUM ",
  "",
  "\u0000",
  KB100,
  1,
  true,
  ["PREMIUM"],
  null,
  ...OPERATORS,
];

// ---------------------------------------------------------------- the world the fuzzing runs in

type Caller = "admin" | "c1" | "c2" | "anon" | "garbage";

interface World {
  readonly adminId: string;
  readonly tokens: { admin: string; c1: string; c2: string };
  readonly passwords: Record<"admin" | "c1" | "c2", string>;
  /** Active customers with their budgets: c1, c2, c3. */
  readonly customers: ReadonlyArray<{ id: string; email: string; budgetCents: number }>;
  readonly deletedCustomerId: string;
  /** Active products with their stock. */
  readonly products: ReadonlyArray<{ id: string; stock: number }>;
  readonly deletedProductId: string;
  /** c1's APPROVED orders. */
  readonly approved: readonly string[];
  readonly shipped: readonly string[];
  /** DELIVERED, REJECTED, CANCELLED. */
  readonly closed: readonly string[];
  /** Emails of active accounts (a new account with one of them is a CONFLICT). */
  readonly existingEmails: readonly string[];
  /** Emails no login may succeed with (active ones, and the deleted customer's). */
  readonly loginEmails: readonly string[];
  /** Authorization values that are not a valid session (forged, revoked, malformed). */
  readonly garbageAuth: readonly string[];
}

/** What one generated call sends. */
interface Case {
  readonly op: string;
  readonly caller: Caller;
  /** The JSON body, or raw text for malformed requests. */
  readonly body: Record<string, unknown> | string;
  /** resendVerificationEmail and requestPasswordReset answer true for any string. */
  readonly mayReturnTrue?: boolean;
  /** @default application/json */
  readonly contentType?: string;
}

interface Generated {
  readonly vars: Record<string, unknown>;
  /** Forced caller (the input is invalid for that caller); random otherwise. */
  readonly caller?: Caller;
  readonly mayReturnTrue?: boolean;
  /** The input is invalid whatever the document looks like; false: only a malformed document makes it so. */
  readonly invalidArgs?: boolean;
}

type Kind = "scalar" | "User" | "Product" | "Order" | "AuthPayload" | "RegisterPayload" | "TotpSetup";

interface Spec {
  readonly args: ReadonlyArray<readonly [name: string, type: string]>;
  readonly kind: Kind;
  generate(r: Rng, w: World): Generated;
}

const SELECTION: Record<Kind, string> = {
  scalar: "",
  User: "{ id name tier budgetCents }",
  Product: "{ id name stock priceCents }",
  Order: "{ id status }",
  AuthPayload: "{ token user { id } }",
  RegisterPayload: "{ user { id } totpSetup { secret } }",
  TotpSetup: "{ secret otpauthUrl }",
};

/** A selection deeper than the depth limit: user → orders → customer → orders → … */
function deepUser(levels: number): string {
  return `{ ${"orders { nodes { customer { ".repeat(levels)}id${" } } }".repeat(levels)} }`;
}
const DEEP_SELECTION: Record<Kind, string | null> = {
  scalar: null,
  TotpSetup: null,
  User: deepUser(8),
  Product: `{ owner ${deepUser(8)} }`,
  Order: `{ customer ${deepUser(8)} }`,
  AuthPayload: `{ user ${deepUser(8)} }`,
  RegisterPayload: `{ user ${deepUser(8)} }`,
};

/** Sets 1 or 2 of the corruptors on a copy of `base`. */
function corrupt(
  r: Rng,
  base: Record<string, unknown>,
  corruptors: ReadonlyArray<(input: Record<string, unknown>) => void>,
): Record<string, unknown> {
  const input = { ...base };
  const count = chance(r, 0.3) ? 2 : 1;
  for (let i = 0; i < count; i++) pick(r, corruptors)(input);
  return input;
}

const WHOLE_BAD_INPUT: readonly unknown[] = [null, "x", 1, true, [], [{}], { bogus: 1 }, ...OPERATORS, ...DEEP];

const customerIds = (w: World) => w.customers.map((c) => c.id);
const productIds = (w: World) => w.products.map((p) => p.id);
const allOrders = (w: World) => [...w.approved, ...w.shipped, ...w.closed];

/** Ids that name no active customer (malformed, unknown, deleted, another kind, padded). */
function notACustomerId(r: Rng, w: World): unknown {
  const real = pick(r, customerIds(w));
  return pick(r, [
    ...BAD_ID_STRINGS,
    ...NOT_ID,
    hex24(r),
    hex24(r).toUpperCase(),
    w.adminId,
    w.deletedCustomerId,
    pick(r, productIds(w)),
    pick(r, allOrders(w)),
    `${real} `,
    ` ${real}`,
    real.slice(0, 23),
    `${real}0`,
    `${real}\u0000`,
  ]);
}

function notAProductId(r: Rng, w: World): unknown {
  const real = pick(r, productIds(w));
  return pick(r, [
    ...BAD_ID_STRINGS,
    ...NOT_ID,
    hex24(r),
    w.deletedProductId,
    w.deletedProductId,
    w.adminId,
    pick(r, customerIds(w)),
    pick(r, allOrders(w)),
    `${real} `,
    real.slice(1),
  ]);
}

function notAnOrderId(r: Rng, w: World): unknown {
  const real = pick(r, allOrders(w));
  return pick(r, [
    ...BAD_ID_STRINGS,
    ...NOT_ID,
    hex24(r),
    w.adminId,
    pick(r, customerIds(w)),
    pick(r, productIds(w)),
    `${real} `,
    real.toUpperCase().slice(2),
  ]);
}

const someString = (r: Rng): unknown => pick(r, [...ODD_STRINGS, ...NOT_STRING]);
const validLine = (r: Rng, w: World) => ({ productId: pick(r, productIds(w)), quantity: between(r, 1, 3) });
const customer = (w: World, key: "c1" | "c2" | "c3") => w.customers[["c1", "c2", "c3"].indexOf(key)];
const loggedIn = (r: Rng): "admin" | "c1" | "c2" => pick(r, ["admin", "c1", "c2"] as const);
const notLoggedIn = (r: Rng): Caller => pick(r, ["anon", "garbage"] as const);

/** An admin-only mutation's valid arguments, sent by someone who is not an admin. */
function withoutPrivilege(r: Rng, vars: Record<string, unknown>): Generated {
  return { vars, caller: pick(r, ["c1", "c2", "anon", "garbage"] as const) };
}

// ---------------------------------------------------------------- every mutation of the contract

const SPECS: Record<string, Spec> = {
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
  createCustomer: {
    args: [["input", "CreateCustomerInput!"]],
    kind: "User",
    generate(r, w) {
      const base = { name: "Bad Customer", email: uniqueEmail("bad-customer"), password: PASSWORD, budgetCents: 100 };
      if (chance(r, 0.08)) return withoutPrivilege(r, { input: base });
      if (chance(r, 0.12)) return { vars: { input: pick(r, [...WHOLE_BAD_INPUT, {}]) } };
      const input = corrupt(r, base, [
        (i) => (i["name"] = pick(r, [...BAD_NAMES, ...NOT_STRING])),
        (i) => (i["email"] = pick(r, [...BAD_EMAILS, ...NOT_STRING, ...w.existingEmails])),
        (i) => (i["password"] = pick(r, [...WEAK_PASSWORDS, ...NOT_STRING])),
        (i) =>
          (i["tier"] = pick(
            r,
            BAD_ENUM.filter((v) => v !== null),
          )),
        (i) =>
          (i["budgetCents"] = pick(r, [
            -1,
            -1_000_000_000_000,
            1_000_000_000_001,
            Number.MAX_SAFE_INTEGER,
            ...NOT_SAFE_INT.filter((v) => v !== null),
          ])),
        (i) => (i[pick(r, ["role", "depositedCents", "emailVerifiedAt", "_id"])] = pick(r, ["ADMIN", 1e9, w.adminId])),
      ]);
      return { vars: { input } };
    },
  },
  deleteCustomer: {
    args: [["id", "ID!"]],
    kind: "scalar",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { id: customer(w, pick(r, ["c2", "c3"] as const)).id });
      return { vars: { id: notACustomerId(r, w) } };
    },
  },
  setBudget: {
    args: [
      ["userId", "ID!"],
      ["budgetCents", "SafeInt!"],
    ],
    kind: "User",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { userId: customer(w, "c1").id, budgetCents: 1 });
      if (chance(r, 0.5)) {
        return { vars: { userId: notACustomerId(r, w), budgetCents: pick(r, [0, 1, 12_345, ...NOT_SAFE_INT]) } };
      }
      const badBudget = pick(r, [-1, -(2 ** 31), 1_000_000_000_001, Number.MAX_SAFE_INTEGER, ...NOT_SAFE_INT]);
      return { vars: { userId: pick(r, customerIds(w)), budgetCents: badBudget } };
    },
  },
  adjustBudget: {
    args: [
      ["userId", "ID!"],
      ["deltaCents", "SafeInt!"],
    ],
    kind: "User",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { userId: customer(w, "c1").id, deltaCents: 5 });
      if (chance(r, 0.4)) {
        return { vars: { userId: notACustomerId(r, w), deltaCents: pick(r, [1, -1, 100, ...NOT_SAFE_INT]) } };
      }
      const target = pick(r, w.customers);
      const cap = 1_000_000_000_000;
      const delta = pick(r, [
        -(target.budgetCents + 1),
        -(target.budgetCents + between(r, 1, 1_000_000)),
        -cap,
        cap - target.budgetCents + 1,
        cap + 1,
        -(cap + 1),
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        ...NOT_SAFE_INT,
      ]);
      return { vars: { userId: target.id, deltaCents: delta } };
    },
  },
  setTier: {
    args: [
      ["userId", "ID!"],
      ["tier", "CustomerTier!"],
    ],
    kind: "User",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { userId: customer(w, "c2").id, tier: "PREMIUM" });
      if (chance(r, 0.5)) return { vars: { userId: notACustomerId(r, w), tier: pick(r, [...TIERS, ...BAD_ENUM]) } };
      return { vars: { userId: pick(r, customerIds(w)), tier: pick(r, BAD_ENUM) } };
    },
  },
  createProduct: {
    args: [["input", "ProductInput!"]],
    kind: "Product",
    generate(r, w) {
      const base = { name: "Bad Product", description: "", priceCents: 100, stock: 1 };
      if (chance(r, 0.08)) return withoutPrivilege(r, { input: base });
      if (chance(r, 0.12)) return { vars: { input: pick(r, [...WHOLE_BAD_INPUT, {}]) } };
      const input = corrupt(r, base, [
        (i) => (i["name"] = pick(r, ["", " ", "\t\n", "x".repeat(201), "😀".repeat(201), KB100, ...NOT_STRING])),
        (i) => (i["description"] = pick(r, ["x".repeat(5001), KB100, KB100_UNICODE, ...NOT_STRING_NONNULL])),
        (i) =>
          (i["priceCents"] = pick(r, [
            0,
            -1,
            -100,
            100_000_001,
            Number.MAX_SAFE_INTEGER,
            -Number.MAX_SAFE_INTEGER,
            ...NOT_SAFE_INT,
          ])),
        (i) =>
          (i["stock"] = pick(r, [-1, -(2 ** 31), 1_000_000_001, 2 ** 31 - 1, ...NOT_INT.filter((v) => v !== null)])),
        (i) => (i[pick(r, ["ownerId", "receivedTotal", "holds", "deletedAt"])] = pick(r, [w.adminId, 5, [], null])),
      ]);
      return { vars: { input } };
    },
  },
  updateProduct: {
    args: [
      ["id", "ID!"],
      ["input", "ProductUpdateInput!"],
    ],
    kind: "Product",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { id: pick(r, productIds(w)), input: { name: "Renamed" } });
      if (chance(r, 0.35)) {
        const input = pick(r, [{ name: "Renamed" }, { priceCents: 5 }, {}, { description: "ok" }, ...WHOLE_BAD_INPUT]);
        return { vars: { id: notAProductId(r, w), input } };
      }
      if (chance(r, 0.1)) return { vars: { id: pick(r, productIds(w)), input: pick(r, WHOLE_BAD_INPUT) } };
      const input = corrupt(r, {}, [
        (i) => (i["name"] = pick(r, ["", " ", "\t\n", "x".repeat(201), KB100, ...NOT_STRING_NONNULL])),
        (i) => (i["description"] = pick(r, ["x".repeat(5001), KB100, ...NOT_STRING_NONNULL])),
        (i) => (i["priceCents"] = pick(r, [0, -1, 100_000_001, ...NOT_SAFE_INT.filter((v) => v !== null)])),
        (i) => (i[pick(r, ["stock", "ownerId", "deletedAt", "receivedTotal"])] = pick(r, [5, w.adminId, null])),
      ]);
      return { vars: { id: pick(r, productIds(w)), input } };
    },
  },
  deleteProduct: {
    args: [["id", "ID!"]],
    kind: "scalar",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { id: pick(r, productIds(w)) });
      return { vars: { id: notAProductId(r, w) } };
    },
  },
  adjustStock: {
    args: [
      ["productId", "ID!"],
      ["delta", "Int!"],
    ],
    kind: "Product",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { productId: pick(r, productIds(w)), delta: 1 });
      if (chance(r, 0.4)) {
        return { vars: { productId: notAProductId(r, w), delta: pick(r, [1, -1, 5, ...NOT_INT]) } };
      }
      const product = pick(r, w.products);
      const max = 1_000_000_000;
      const delta = pick(r, [
        -(product.stock + 1),
        -(product.stock + between(r, 1, 1000)),
        -max,
        max - product.stock + 1,
        max + 1,
        -(max + 1),
        2 ** 31 - 1,
        -(2 ** 31),
        ...NOT_INT,
      ]);
      return { vars: { productId: product.id, delta } };
    },
  },
  setStock: {
    args: [
      ["productId", "ID!"],
      ["stock", "Int!"],
    ],
    kind: "Product",
    generate(r, w) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { productId: pick(r, productIds(w)), stock: 7 });
      if (chance(r, 0.4)) {
        return { vars: { productId: notAProductId(r, w), stock: pick(r, [0, 1, 99, ...NOT_INT]) } };
      }
      const stock = pick(r, [-1, -(2 ** 31), 1_000_000_001, 2 ** 31 - 1, ...NOT_INT]);
      return { vars: { productId: pick(r, productIds(w)), stock } };
    },
  },
  placeOrder: {
    args: [["input", "PlaceOrderInput!"]],
    kind: "Order",
    generate(r, w) {
      const line = () => validLine(r, w);
      const c1 = customer(w, "c1").id;
      // Admins must name the customer: give one most of the time, so the rest of the input is checked.
      const forAdmin = (input: Record<string, unknown>): Generated =>
        chance(r, 0.5)
          ? { vars: { input: { ...input, customerId: c1 } }, caller: "admin" }
          : { vars: { input }, caller: pick(r, ["admin", "c1", "c2", "anon", "garbage"] as const) };
      switch (between(r, 0, 12)) {
        case 0:
          return forAdmin({ items: [] });
        case 1:
          return forAdmin({ items: Array.from({ length: 51 }, line) });
        case 2: {
          const quantity = pick(r, [0, -1, -1000, 1001, 2 ** 31 - 1, -(2 ** 31), ...NOT_INT]);
          return forAdmin({ items: [line(), { productId: pick(r, productIds(w)), quantity }] });
        }
        case 3:
          return forAdmin({ items: [{ productId: notAProductId(r, w), quantity: 1 }] });
        case 4: {
          const id = pick(r, productIds(w));
          return forAdmin({
            items: [
              { productId: id, quantity: 600 },
              { productId: id, quantity: 500 },
            ],
          });
        }
        case 5: {
          // A single line object is coerced into a list: never send a valid one that way.
          const items = pick(r, [null, "x", 1, ...OPERATORS, ...DEEP, [null], [1], ["x"], [[line()]], [{}]]);
          return forAdmin({ items });
        }
        case 6: {
          // A customer ordering for someone else.
          const caller = pick(r, ["c1", "c2"] as const);
          const other = caller === "c1" ? "c2" : "c1";
          // Never null: a customer ordering with customerId null orders for themselves, validly.
          let stranger = notACustomerId(r, w);
          while (stranger === null) stranger = notACustomerId(r, w);
          const customerId = pick(r, [customer(w, other).id, customer(w, "c3").id, w.adminId, stranger]);
          return { vars: { input: { items: [line()], customerId } }, caller };
        }
        case 7:
          return { vars: { input: { items: [line()] } }, caller: "admin" };
        case 8: {
          const customerId = pick(r, [
            w.adminId,
            w.deletedCustomerId,
            hex24(r),
            pick(r, productIds(w)),
            ...BAD_ID_STRINGS,
          ]);
          return { vars: { input: { items: [line()], customerId } }, caller: "admin" };
        }
        case 9: {
          const idempotencyKey = pick(r, ["", "k".repeat(201), KB100, ...NOT_STRING_NONNULL]);
          return chance(r, 0.5)
            ? { vars: { input: { items: [line()], idempotencyKey } }, caller: pick(r, ["c1", "c2"] as const) }
            : { vars: { input: { items: [line()], idempotencyKey, customerId: c1 } }, caller: "admin" };
        }
        case 10: {
          // A well-formed key with a product that does not exist (any more).
          const productId = pick(r, [w.deletedProductId, hex24(r)]);
          const idempotencyKey = `bad-input-${between(r, 0, 1e9)}`;
          return {
            vars: { input: { items: [{ productId, quantity: 1 }], idempotencyKey } },
            caller: pick(r, ["c1", "c2"] as const),
          };
        }
        case 11: {
          const extra = pick(r, [
            { status: "APPROVED" },
            { totalCents: 1 },
            { tier: "PREMIUM" },
            { priority: 1e9 },
            { items: [{ ...line(), unitPriceCents: 0 }] },
            { items: [{ ...line(), productName: "Free" }] },
          ]);
          return forAdmin({ items: [line()], ...extra });
        }
        default:
          return { vars: { input: { items: [line()] } }, caller: notLoggedIn(r) };
      }
    },
  },
  cancelOrder: {
    args: [
      ["id", "ID!"],
      ["reason", "String"],
    ],
    kind: "Order",
    generate(r, w) {
      const reason = () => pick(r, [null, "Changed my mind", ...ODD_STRINGS]);
      const longReason = () => pick(r, ["x".repeat(501), KB100, KB100_UNICODE, `${"y".repeat(400)}${"😀".repeat(60)}`]);
      switch (between(r, 0, 6)) {
        case 0:
        case 1:
          return { vars: { id: notAnOrderId(r, w), reason: reason() } };
        case 2: {
          // Shipped, delivered, rejected or cancelled: CONFLICT for admins and owners, FORBIDDEN for others.
          const id = pick(r, [...w.shipped, ...w.closed]);
          return { vars: { id, reason: reason() }, caller: pick(r, ["admin", "c1", "c2"] as const) };
        }
        case 3:
          // An approved order of c1: only an admin may cancel it.
          return { vars: { id: pick(r, w.approved), reason: reason() }, caller: pick(r, ["c1", "c2"] as const) };
        case 4:
          return { vars: { id: pick(r, w.approved), reason: longReason() }, caller: "admin" };
        case 5:
          return {
            vars: { id: pick(r, allOrders(w)), reason: pick(r, NOT_STRING_NONNULL) },
            caller: loggedIn(r),
          };
        default:
          return { vars: { id: pick(r, allOrders(w)), reason: reason() }, caller: notLoggedIn(r) };
      }
    },
  },
  setFulfilmentStatus: {
    args: [
      ["id", "ID!"],
      ["status", "OrderStatus!"],
    ],
    kind: "Order",
    generate(r, w) {
      const notApproved = [...w.shipped, ...w.closed];
      const notShipped = [...w.approved, ...w.closed];
      switch (between(r, 0, 6)) {
        case 0:
          return {
            vars: {
              id: pick(r, allOrders(w)),
              status: pick(r, ["PENDING", "PROCESSING", "APPROVED", "REJECTED", "CANCELLED"]),
            },
          };
        case 1:
          return {
            vars: {
              id: pick(r, allOrders(w)),
              status: pick(r, ["shipped", "SHIPPED ", "", "DELIVERED\u0000", ["SHIPPED"], 1, null, ...OPERATORS]),
            },
          };
        case 2:
          return { vars: { id: pick(r, notApproved), status: "SHIPPED" } };
        case 3:
          return { vars: { id: pick(r, notShipped), status: "DELIVERED" } };
        case 4:
          return { vars: { id: notAnOrderId(r, w), status: pick(r, ["SHIPPED", "DELIVERED"]) } };
        default: {
          // The one valid transition, by someone who may not make it.
          const [id, status] = chance(r, 0.5) ? [pick(r, w.approved), "SHIPPED"] : [pick(r, w.shipped), "DELIVERED"];
          return { vars: { id, status }, caller: pick(r, ["c1", "c2", "anon", "garbage"] as const) };
        }
      }
    },
  },
  generateRandomOrders: {
    args: [["count", "Int!"]],
    kind: "scalar",
    generate(r) {
      if (chance(r, 0.08)) return withoutPrivilege(r, { count: 1 });
      return { vars: { count: pick(r, [0, -1, -10_000, 10_001, 100_000, 2 ** 31 - 1, -(2 ** 31), ...NOT_INT]) } };
    },
  },
};

// ---------------------------------------------------------------- documents, well- and malformed

/** Prints a value as a GraphQL literal (enum-like strings bare). Invalid names make invalid documents, as they should. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return /^[A-Z][A-Z_]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${literal(v)}`)
    .join(", ")}}`;
}

function varDefs(spec: Spec): string {
  return spec.args.length === 0 ? "" : `(${spec.args.map(([n, t]) => `$${n}: ${t}`).join(", ")})`;
}
function argPass(spec: Spec): string {
  return spec.args.length === 0 ? "" : `(${spec.args.map(([n]) => `${n}: $${n}`).join(", ")})`;
}

/** Whether graphql-js refuses to parse the text. */
function unparsable(text: string): boolean {
  try {
    parse(text);
    return false;
  } catch {
    return true;
  }
}

type Mode =
  | "variables"
  | "literal"
  | "missing-variables"
  | "truncated"
  | "injected"
  | "unknown-field"
  | "unknown-argument"
  | "selection-mismatch"
  | "wrong-variable-type"
  | "undeclared-variable"
  | "unused-variable"
  | "bad-directive"
  | "wrong-fragment"
  | "as-query"
  | "two-operations"
  | "deep-selection"
  | "aliases"
  | "too-many-tokens";

/** Modes whose document is refused whatever the arguments and the caller. */
const ALWAYS_REFUSED = new Set<Mode>([
  "truncated",
  "injected",
  "unknown-field",
  "unknown-argument",
  "selection-mismatch",
  "wrong-variable-type",
  "undeclared-variable",
  "unused-variable",
  "bad-directive",
  "wrong-fragment",
  "as-query",
  "two-operations",
]);

const MODES: ReadonlyArray<readonly [Mode, number]> = [
  ["variables", 62],
  ["literal", 8],
  ["missing-variables", 3],
  ["truncated", 2],
  ["injected", 2],
  ["unknown-field", 2],
  ["unknown-argument", 2],
  ["selection-mismatch", 2],
  ["wrong-variable-type", 2],
  ["undeclared-variable", 2],
  ["unused-variable", 2],
  ["bad-directive", 2],
  ["wrong-fragment", 2],
  ["as-query", 1],
  ["two-operations", 1],
  ["deep-selection", 3],
  ["aliases", 2],
  ["too-many-tokens", 2],
];

function pickMode(r: Rng): Mode {
  let roll = r() * MODES.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [mode, weight] of MODES) {
    roll -= weight;
    if (roll < 0) return mode;
  }
  return "variables";
}

function buildCase(r: Rng, op: string, spec: Spec, generated: Generated, mode: Mode): Case {
  const randomCaller = (): Caller => pick(r, ["admin", "admin", "admin", "c1", "c2", "anon", "garbage"] as const);
  let caller = generated.caller ?? randomCaller();
  // No-argument mutations are only invalid for a logged-in caller when the document is refused.
  if (ALWAYS_REFUSED.has(mode) && generated.invalidArgs === false) caller = randomCaller();
  const { vars } = generated;
  const selection = SELECTION[spec.kind];
  const call = `${op}${argPass(spec)} ${selection}`;
  const document = `mutation Fuzz${varDefs(spec)} { ${call} }`;
  const body = (query: string, variables: unknown = vars): Case => ({
    op,
    caller,
    body: { query, variables },
    ...(generated.mayReturnTrue === true ? { mayReturnTrue: true } : {}),
  });
  switch (mode) {
    case "variables":
      return body(document);
    case "literal": {
      const args = spec.args.length === 0 ? "" : `(${spec.args.map(([n]) => `${n}: ${literal(vars[n])}`).join(", ")})`;
      return body(`mutation { ${op}${args} ${selection} }`, {});
    }
    case "missing-variables":
      return spec.args.length === 0
        ? body(document.replace("Fuzz", "Fuzz($x: Int!)"), pick(r, [null, {}]))
        : body(document, pick(r, [null, {}, undefined]));
    case "truncated":
      return body(document.slice(0, between(r, 1, document.length - 1)));
    case "injected": {
      for (let attempt = 0; attempt < 5; attempt++) {
        const at = between(r, 1, document.length - 1);
        const text = `${document.slice(0, at)}${pick(r, ["{", "}", "(", ")", "$", "!", "\u0000", "\ud800", "…", ":", "@", '"'])}${document.slice(at)}`;
        if (unparsable(text)) return body(text);
      }
      return body(`${document} }`);
    }
    case "unknown-field":
      return body(
        selection === ""
          ? `mutation Fuzz${varDefs(spec)} { ${op}${argPass(spec)} doesNotExist: __nope }`
          : document.replace(selection, selection.replace("{ ", "{ __nope ")),
      );
    case "unknown-argument":
      return body(
        spec.args.length === 0
          ? document.replace(op, `${op}(bogus: 1)`)
          : document.replace(argPass(spec), argPass(spec).replace(")", ", bogus: 1)")),
      );
    case "selection-mismatch":
      return body(
        selection === ""
          ? document.replace(call, `${op}${argPass(spec)} { id }`)
          : document.replace(call, `${op}${argPass(spec)}`),
      );
    case "wrong-variable-type":
      return spec.args.length === 0
        ? body(document.replace(op, `${op}(x: $x)`).replace("Fuzz", "Fuzz($x: Int)"))
        : body(document.replace(`: ${spec.args[0][1]}`, `: ${spec.args[0][1] === "String!" ? "Int!" : "String!"}`));
    case "undeclared-variable":
      return body(spec.args.length === 0 ? `mutation Fuzz { ${op}(x: $x) ${selection} }` : `mutation Fuzz { ${call} }`);
    case "unused-variable":
      return body(
        spec.args.length === 0
          ? document.replace("Fuzz", "Fuzz($unused: Int)")
          : document.replace("Fuzz(", "Fuzz($unused: Int, "),
      );
    case "bad-directive":
      return body(
        document.replace(
          call,
          `${op}${argPass(spec)} ${pick(r, ['@include(if: "no")', "@bogus", "@skip", "@skip(if: 1)", "@deprecated"])} ${selection}`,
        ),
      );
    case "wrong-fragment":
      return body(
        selection === ""
          ? `${document} fragment F on Product { id }`
          : document.replace(selection, `{ ...F }`) +
              ` fragment F on ${spec.kind === "Product" ? "Order" : "Product"} { id }`,
      );
    case "as-query":
      return body(document.replace(/^mutation/, "query"));
    case "two-operations":
      return body(`${document} mutation Other { __typename }`);
    case "deep-selection": {
      const deep = DEEP_SELECTION[spec.kind];
      return body(deep === null ? document : document.replace(selection, deep));
    }
    case "aliases": {
      const many = Array.from({ length: 30 }, (_, i) => `a${i}: ${call}`).join(" ");
      return body(`mutation Fuzz${varDefs(spec)} { ${many} }`);
    }
    case "too-many-tokens":
      // Over the parser's token limit: 4,000 more fields beside the mutation, or in its selection.
      return selection === ""
        ? body(document.replace(call, `${call} ${"__typename ".repeat(4000)}`))
        : body(document.replace(selection, `{ ${"__typename ".repeat(4000)}}`));
  }
}

/** Bodies that are not a well-formed GraphQL request at all. */
const MALFORMED_REQUESTS: ReadonlyArray<{ body: string; contentType?: string }> = [
  { body: "{bad json" },
  { body: '{"query": "mutation { logout }"' },
  { body: "null" },
  { body: '"mutation { logout }"' },
  { body: "[]" },
  { body: "[1, 2]" },
  { body: '{"query": null}' },
  { body: '{"query": 5}' },
  { body: '{"query": {"$ne": null}}' },
  { body: '{"query": "mutation { logout }", "variables": [1]}' },
  { body: '{"query": "mutation { logout }", "variables": "{}"}' },
  { body: '{"query": "mutation { logout }", "operationName": 5}' },
  { body: '{"query": "mutation { logout }", "extensions": "x"}' },
  { body: "" },
  { body: JSON.stringify({ query: "mutation { logout }" }), contentType: "text/plain" },
  { body: "query=mutation%20%7B%20logout%20%7D", contentType: "application/x-www-form-urlencoded" },
];

// ---------------------------------------------------------------- sending and checking

interface Outcome {
  readonly status: number;
  /** The first error's code, "true" for an allowed success, or a description of what was wrong. */
  readonly code: string;
  readonly problem?: string;
}

function truncate(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

async function send(api: TestApp, world: World, c: Case): Promise<Outcome> {
  const authorization =
    c.caller === "admin" || c.caller === "c1" || c.caller === "c2"
      ? `Bearer ${world.tokens[c.caller]}`
      : c.caller === "garbage"
        ? world.garbageAuth[Math.floor(Math.random() * world.garbageAuth.length)]
        : undefined;
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": c.contentType ?? "application/json",
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: typeof c.body === "string" ? c.body : JSON.stringify(c.body),
  });
  return judge(response.status, await response.text(), c);
}

function judge(status: number, text: string, c: Pick<Case, "op" | "mayReturnTrue">): Outcome {
  let body: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return {
      status,
      code: `non-JSON ${status}`,
      problem: `HTTP ${status} with a non-JSON body: ${truncate(text, 160)}`,
    };
  }
  if (status >= 500) return { status, code: `HTTP ${status}`, problem: `HTTP ${status}: ${truncate(text)}` };
  const errors = body.errors ?? [];
  const codes = errors.map((e) => (typeof e.extensions?.code === "string" ? e.extensions.code : "(no code)"));
  const succeeded = Object.values(body.data ?? {}).filter((v) => v !== null && v !== undefined);
  if (codes.includes("INTERNAL_SERVER_ERROR")) {
    return { status, code: "INTERNAL_SERVER_ERROR", problem: `INTERNAL_SERVER_ERROR: ${truncate(text)}` };
  }
  const unexpected = codes.find((code) => !EXPECTED_CODES.has(code));
  if (unexpected !== undefined)
    return { status, code: unexpected, problem: `unexpected code ${unexpected}: ${truncate(text)}` };
  if (succeeded.length > 0) {
    if (c.mayReturnTrue === true && errors.length === 0 && succeeded.every((v) => v === true)) {
      return { status, code: "true" };
    }
    return { status, code: "SUCCEEDED", problem: `invalid input accepted: ${truncate(text)}` };
  }
  if (codes.length === 0)
    return { status, code: "(no error)", problem: `neither data nor an error: ${truncate(text)}` };
  return { status, code: codes[0] };
}

/** Runs `task(i)` for i in 0..count-1 with at most `width` at once. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

// ---------------------------------------------------------------- the data that must not change

const UNWATCHED = new Set(["logs", "login_throttle"]);

/** Every document of every collection but the log and the login throttle, as plain JSON. */
async function snapshot(db: mongo.Db): Promise<Record<string, Record<string, unknown>>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !UNWATCHED.has(name) && !name.startsWith("system."))
    .sort();
  const result: Record<string, Record<string, unknown>> = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).toArray();
    result[name] = Object.fromEntries(
      docs.map((doc) => [String(doc["_id"]), JSON.parse(JSON.stringify(doc)) as unknown]),
    );
  }
  return result;
}

/** What differs between two snapshots, one line per document. */
function differences(
  before: Record<string, Record<string, unknown>>,
  after: Record<string, Record<string, unknown>>,
): string[] {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[name] ?? {};
    const b = after[name] ?? {};
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(id in a)) lines.push(`${name} ${id} added: ${truncate(JSON.stringify(b[id]), 400)}`);
      else if (!(id in b)) lines.push(`${name} ${id} removed`);
      else {
        const x = a[id] as Record<string, unknown>;
        const y = b[id] as Record<string, unknown>;
        for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
          const [from, to] = [JSON.stringify(x[field]), JSON.stringify(y[field])];
          if (from !== to) lines.push(`${name} ${id}.${field}: ${truncate(from, 120)} → ${truncate(to, 120)}`);
        }
      }
    }
  }
  return lines;
}

// ---------------------------------------------------------------- the test

describe("bad input to every mutation", () => {
  let api: TestApp;
  let world: World;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    const admin = await loginAdmin(api);
    const [c1, c2, c3, gone] = [
      await createCustomer(api, admin.token, { tier: "PREMIUM", budgetCents: 100_000 }),
      await createCustomer(api, admin.token, { budgetCents: 50_000 }),
      await createCustomer(api, admin.token, { budgetCents: 5_000 }),
      await createCustomer(api, admin.token, { budgetCents: 1_000 }),
    ];
    const p1 = await createProduct(api, admin.token, { name: "Widget", priceCents: 250, stock: 100 });
    const p2 = await createProduct(api, admin.token, { name: "Gadget", priceCents: 1_000, stock: 50 });
    const p3 = await createProduct(api, admin.token, { name: "Rare Gem", priceCents: 100, stock: 2 });
    const pGone = await createProduct(api, admin.token, { name: "Discontinued", priceCents: 10, stock: 5 });

    const decided = async (token: string, lines: Array<{ productId: string; quantity: number }>) => {
      const placed = await placeOrder(api, token, lines);
      return waitForDecision(api, token, placed.id);
    };
    const fulfil = (id: string, status: string) =>
      must(
        api,
        `mutation($id: ID!, $s: OrderStatus!) { setFulfilmentStatus(id: $id, status: $s) { id } }`,
        { id, s: status },
        admin.token,
      );
    const o1 = await decided(c1.token, [{ productId: p1, quantity: 2 }]);
    const o7 = await decided(c1.token, [{ productId: p2, quantity: 1 }]);
    const o2 = await decided(c1.token, [{ productId: p1, quantity: 1 }]);
    const o3 = await decided(c2.token, [{ productId: p2, quantity: 2 }]);
    const o4 = await decided(c2.token, [{ productId: p3, quantity: 5 }]);
    const o5 = await decided(c3.token, [{ productId: p2, quantity: 10 }]);
    const o6 = await decided(c2.token, [{ productId: p1, quantity: 1 }]);
    expect([o1, o7, o2, o3, o6].map((o) => o.status)).toEqual(Array(5).fill("APPROVED"));
    expect([o4, o5].map((o) => o.status)).toEqual(["REJECTED", "REJECTED"]);
    await fulfil(o2.id, "SHIPPED");
    await fulfil(o3.id, "SHIPPED");
    await fulfil(o3.id, "DELIVERED");
    await must(api, `mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: o6.id }, admin.token);
    await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: gone.id }, admin.token);
    await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id: pGone }, admin.token);

    const users = await must<{ users: { nodes: Array<{ id: string; budgetCents: number }> } }>(
      api,
      "{ users(first: 100) { nodes { id budgetCents } } }",
      {},
      admin.token,
    );
    const budgetOf = (id: string) => users.users.nodes.find((u) => u.id === id)!.budgetCents;
    const products = await must<{ products: { nodes: Array<{ id: string; stock: number }> } }>(
      api,
      "{ products(first: 100) { nodes { id stock } } }",
      {},
      admin.token,
    );
    const [header, payload, signature] = admin.token.split(".");
    const noneHeader = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    world = {
      adminId: admin.id,
      tokens: { admin: admin.token, c1: c1.token, c2: c2.token },
      passwords: { admin: ADMIN_PASSWORD, c1: PASSWORD, c2: PASSWORD },
      customers: [c1, c2, c3].map((c) => ({ id: c.id, email: c.email, budgetCents: budgetOf(c.id) })),
      deletedCustomerId: gone.id,
      products: products.products.nodes,
      deletedProductId: pGone,
      approved: [o1.id, o7.id],
      shipped: [o2.id],
      closed: [o3.id, o4.id, o5.id, o6.id],
      existingEmails: [ADMIN_EMAIL, ADMIN_EMAIL.toUpperCase(), ` ${c1.email} `, c2.email],
      loginEmails: [ADMIN_EMAIL, ` ${c1.email} `, c2.email, c3.email.toUpperCase(), gone.email],
      garbageAuth: [
        "Bearer garbage",
        "Bearer ",
        "Bearer a.b.c",
        "Basic YWRtaW46YWRtaW4=",
        `Bearer ${header}.${payload}.${signature.slice(0, -4)}AAAA`,
        `Bearer ${noneHeader}.${payload}.`,
        `Bearer ${gone.token}`,
        `Bearer ${"x".repeat(4000)}`,
        'Bearer {"$ne":null}',
        `Token ${admin.token.slice(0, 20)}`,
      ],
    };
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it("refuses ≥ 2,000 malformed calls with client error codes, and changes no data", async () => {
    const db = mongoose.connection.db!;
    const r = seeded(SEED);
    const cases: Case[] = [];
    for (const [op, spec] of Object.entries(SPECS)) {
      for (let i = 0; i < PER_MUTATION; i++) {
        cases.push(buildCase(r, op, spec, spec.generate(r, world), pickMode(r)));
      }
    }
    for (const request of MALFORMED_REQUESTS) {
      cases.push({ op: "(malformed request)", caller: "anon", ...request });
    }
    // Shuffle, so that each mutation meets the others' traffic.
    for (let i = cases.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [cases[i], cases[j]] = [cases[j], cases[i]];
    }

    const before = await snapshot(db);
    const started = Date.now();
    const outcomes = new Array<Outcome>(cases.length);
    await pool(cases.length, PARALLEL, async (i) => {
      try {
        outcomes[i] = await send(api, world, cases[i]);
      } catch (error) {
        outcomes[i] = { status: 0, code: "NETWORK", problem: `the request failed: ${String(error)}` };
      }
    });
    const seconds = (Date.now() - started) / 1000;
    const alive = await api.graphql<{ __typename: string }>("{ __typename }");
    const after = await snapshot(db);

    // The summary: per mutation, how many calls and which codes.
    const byOp = new Map<string, Map<string, number>>();
    cases.forEach((c, i) => {
      const codes = byOp.get(c.op) ?? new Map<string, number>();
      codes.set(outcomes[i].code, (codes.get(outcomes[i].code) ?? 0) + 1);
      byOp.set(c.op, codes);
    });
    const width = Math.max(...[...byOp.keys()].map((k) => k.length));
    const lines = [...byOp.entries()].map(([op, codes]) => {
      const total = [...codes.values()].reduce((a, b) => a + b, 0);
      const detail = [...codes.entries()]
        .sort(([, a], [, b]) => b - a)
        .map(([code, n]) => `${code} ${n}`)
        .join(", ");
      return `  ${op.padEnd(width)}  ${String(total).padStart(4)}  ${detail}`;
    });
    console.log(
      `bad input: ${cases.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}, ${PARALLEL} in parallel)\n${lines.join("\n")}`,
    );

    // Every problem, grouped by mutation and kind, with one example each.
    const problems = new Map<string, { count: number; example: string }>();
    cases.forEach((c, i) => {
      const { problem, code } = outcomes[i];
      if (problem === undefined) return;
      const key = `${c.op}: ${code}`;
      const entry = problems.get(key) ?? {
        count: 0,
        example: `as ${c.caller}: ${truncate(typeof c.body === "string" ? c.body : JSON.stringify(c.body), 400)} → ${problem}`,
      };
      entry.count += 1;
      problems.set(key, entry);
    });

    expect(cases.length).toBeGreaterThanOrEqual(2000);
    expect(alive.data?.__typename).toBe("Query");
    // One assertion, so that a failure shows every refused-input problem and every changed document.
    expect({
      problems: [...problems.entries()].map(([key, { count, example }]) => `${key} ×${count} — e.g. ${example}`),
      changedData: differences(before, after),
    }).toEqual({ problems: [], changedData: [] });
  }, 240_000);
});
