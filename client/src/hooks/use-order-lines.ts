import { useState } from "react";
import { newOrderLine, type OrderLineDraft } from "../lib/order-lines";

/** The lines of the order form: one empty line to start, then changed, added and removed by key. */
export function useOrderLines() {
  const [lines, setLines] = useState<readonly OrderLineDraft[]>(() => [newOrderLine()]);
  return {
    lines,
    update: (key: number, change: Partial<Omit<OrderLineDraft, "key">>) =>
      setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line))),
    add: () => setLines((current) => [...current, newOrderLine()]),
    remove: (key: number) => setLines((current) => current.filter((line) => line.key !== key)),
  };
}
