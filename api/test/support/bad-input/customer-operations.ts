import { PASSWORD, uniqueEmail } from "../../helpers/accounts";
import { corrupt, customer, customerIds, notACustomerId, withoutPrivilege, type Spec } from "./generators";
import { between, chance, pick } from "./random";
import {
  BAD_EMAILS,
  BAD_ENUM,
  BAD_NAMES,
  NOT_SAFE_INT,
  NOT_STRING,
  TIERS,
  WEAK_PASSWORDS,
  WHOLE_BAD_INPUT,
} from "./values";

/** The admin's customer mutations (accounts, budgets, tiers) and the arguments each must refuse. */
export const CUSTOMER_OPERATIONS: Record<string, Spec> = {
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
};
