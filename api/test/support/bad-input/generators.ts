import { between, chance, hex24, pick, type Rng } from "./random";
import { BAD_ID_STRINGS, NOT_ID, NOT_STRING, ODD_STRINGS } from "./values";
import type { Caller, World } from "./world";

/** The arguments one generator drew, and for whom they are invalid. */
export interface Generated {
  readonly vars: Record<string, unknown>;
  /** Forced caller (the input is invalid for that caller); random otherwise. */
  readonly caller?: Caller;
  readonly mayReturnTrue?: boolean;
  /** The input is invalid whatever the document looks like; false: only a malformed document makes it so. */
  readonly invalidArgs?: boolean;
}

/** What a mutation returns, which picks the selection its document asks for. */
export type Kind = "scalar" | "User" | "Product" | "Order" | "AuthPayload" | "RegisterPayload" | "TotpSetup";

/** One mutation: its arguments, its result and the generator of arguments it must refuse. */
export interface Spec {
  readonly args: ReadonlyArray<readonly [name: string, type: string]>;
  readonly kind: Kind;
  generate(r: Rng, w: World): Generated;
}

/** Sets 1 or 2 of the corruptors on a copy of `base`. */
export function corrupt(
  r: Rng,
  base: Record<string, unknown>,
  corruptors: ReadonlyArray<(input: Record<string, unknown>) => void>,
): Record<string, unknown> {
  const input = { ...base };
  const count = chance(r, 0.3) ? 2 : 1;
  for (let i = 0; i < count; i++) pick(r, corruptors)(input);
  return input;
}

/** The ids of the world's active customers, products, and orders. */
export const customerIds = (w: World) => w.customers.map((c) => c.id);
export const productIds = (w: World) => w.products.map((p) => p.id);
export const allOrders = (w: World) => [...w.approved, ...w.shipped, ...w.closed];

/** Ids that name no active customer (malformed, unknown, deleted, another kind, padded). */
export function notACustomerId(r: Rng, w: World): unknown {
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

/** Ids that name no active product (malformed, unknown, deleted, another kind, padded). */
export function notAProductId(r: Rng, w: World): unknown {
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

/** Ids that name no order (malformed, unknown, another kind, altered). */
export function notAnOrderId(r: Rng, w: World): unknown {
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

/** An odd string or a value that is no string at all. */
export const someString = (r: Rng): unknown => pick(r, [...ODD_STRINGS, ...NOT_STRING]);
/** An order line for an active product, 1 to 3 units. */
export const validLine = (r: Rng, w: World) => ({ productId: pick(r, productIds(w)), quantity: between(r, 1, 3) });
/** c1, c2 or c3. */
export const customer = (w: World, key: "c1" | "c2" | "c3") => w.customers[["c1", "c2", "c3"].indexOf(key)];
/** A caller with a session, or one without a valid one. */
export const loggedIn = (r: Rng): "admin" | "c1" | "c2" => pick(r, ["admin", "c1", "c2"] as const);
export const notLoggedIn = (r: Rng): Caller => pick(r, ["anon", "garbage"] as const);

/** An admin-only mutation's valid arguments, sent by someone who is not an admin. */
export function withoutPrivilege(r: Rng, vars: Record<string, unknown>): Generated {
  return { vars, caller: pick(r, ["c1", "c2", "anon", "garbage"] as const) };
}
