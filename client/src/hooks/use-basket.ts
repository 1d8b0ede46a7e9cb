import { useSyncExternalStore } from "react";
import { useSession } from "../components/session/session-provider";
import { addLine, onBasketChange, readBasket, writeBasket, type BasketLine } from "../lib/basket";

const NOBODY: readonly BasketLine[] = [];

/** The logged-in user's basket and its changes (see lib/basket.ts). */
export function useBasket() {
  const { viewer } = useSession();
  const owner = viewer?.id ?? null;
  const lines = useSyncExternalStore(onBasketChange, () => (owner === null ? NOBODY : readBasket(owner)));
  const write = (next: readonly BasketLine[]) => {
    if (owner !== null) writeBasket(owner, next);
  };
  return {
    lines,
    /** Adds `line.quantity` units of a product, to its line if it has one. */
    add: (line: BasketLine) => write(addLine(lines, line)),
    /** Sets the units of a product's line. */
    setQuantity: (productId: string, quantity: number) =>
      write(lines.map((line) => (line.productId === productId ? { ...line, quantity } : line))),
    remove: (productId: string) => write(lines.filter((line) => line.productId !== productId)),
    clear: () => write([]),
  };
}
