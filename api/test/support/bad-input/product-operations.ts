import { corrupt, notAProductId, productIds, withoutPrivilege, type Spec } from "./generators";
import { between, chance, pick } from "./random";
import { KB100, KB100_UNICODE, NOT_INT, NOT_SAFE_INT, NOT_STRING, NOT_STRING_NONNULL, WHOLE_BAD_INPUT } from "./values";

/** The admin's product mutations (catalogue and stock) and the arguments each must refuse. */
export const PRODUCT_OPERATIONS: Record<string, Spec> = {
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
};
