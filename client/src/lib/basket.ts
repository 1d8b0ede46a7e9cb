/**
 * The basket a customer fills from the Products page, kept in sessionStorage per user: it survives
 * navigation and reloads within the tab's session, and one user's basket never shows for another.
 */

/** One product in the basket, with the name and price it had when it was added. */
export interface BasketLine {
  readonly productId: string;
  readonly name: string;
  readonly priceCents: number;
  readonly quantity: number;
}

const EMPTY: readonly BasketLine[] = [];
const listeners = new Set<() => void>();
/** The parsed basket per storage key, so an unchanged basket is the same array (useSyncExternalStore). */
const parsed = new Map<string, { readonly raw: string | null; readonly lines: readonly BasketLine[] }>();

const storageKey = (owner: string) => `orderflow.basket.${owner}`;

function isLine(value: unknown): value is BasketLine {
  if (typeof value !== "object" || value === null) return false;
  const line = value as Record<string, unknown>;
  return (
    typeof line["productId"] === "string" &&
    typeof line["name"] === "string" &&
    Number.isInteger(line["priceCents"]) &&
    Number.isInteger(line["quantity"]) &&
    (line["quantity"] as number) > 0
  );
}

function parse(raw: string | null): readonly BasketLine[] {
  if (raw === null) return EMPTY;
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isLine) : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** The basket of the user `owner` (their id). */
export function readBasket(owner: string): readonly BasketLine[] {
  const key = storageKey(owner);
  const raw = sessionStorage.getItem(key);
  const cached = parsed.get(key);
  if (cached?.raw === raw) return cached.lines;
  const lines = parse(raw);
  parsed.set(key, { raw, lines });
  return lines;
}

/** Replaces the basket of `owner`; an empty basket is removed from storage. */
export function writeBasket(owner: string, lines: readonly BasketLine[]): void {
  if (lines.length === 0) sessionStorage.removeItem(storageKey(owner));
  else sessionStorage.setItem(storageKey(owner), JSON.stringify(lines));
  for (const listener of listeners) listener();
}

/** Subscribes to basket changes; returns the unsubscribe function. */
export function onBasketChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The lines after adding `quantity` of a product (to its line, if it has one). */
export function addLine(lines: readonly BasketLine[], added: BasketLine): readonly BasketLine[] {
  const existing = lines.find((line) => line.productId === added.productId);
  if (!existing) return [...lines, added];
  return lines.map((line) =>
    line.productId === added.productId
      ? { ...line, name: added.name, priceCents: added.priceCents, quantity: line.quantity + added.quantity }
      : line,
  );
}
