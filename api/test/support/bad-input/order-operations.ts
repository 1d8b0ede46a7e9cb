import {
  allOrders,
  customer,
  loggedIn,
  notACustomerId,
  notAnOrderId,
  notAProductId,
  notLoggedIn,
  productIds,
  validLine,
  withoutPrivilege,
  type Generated,
  type Spec,
} from "./generators";
import { between, chance, hex24, pick } from "./random";
import {
  BAD_ID_STRINGS,
  DEEP,
  KB100,
  KB100_UNICODE,
  NOT_INT,
  NOT_STRING_NONNULL,
  ODD_STRINGS,
  OPERATORS,
} from "./values";

/** The order mutations (placing, cancelling, fulfilling, generating) and the arguments each must refuse. */
export const ORDER_OPERATIONS: Record<string, Spec> = {
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
