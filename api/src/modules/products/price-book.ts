import type { Types } from "mongoose";
import { ReadCache } from "../../lib/read-cache";
import type { ProductView } from "./product.view";

/** What pricing an order needs of a product. */
export interface PricedProductState {
  readonly _id: Types.ObjectId;
  readonly name: string;
  readonly priceCents: number;
  readonly deletedAt: Date | null;
}

/**
 * The name, price and deletion of each product, kept from the reads, so that placing an order
 * usually costs no read of its products. Every change announced on PRODUCT_UPDATED (by any
 * instance) is compared with what is kept: one that differs, or one about a product not kept,
 * makes the product read again, and a read under way when it arrives is not kept. Announcements
 * only ever make it read again, never set what is kept, so their order (across instances), the
 * clocks of their writers and the stock moves they mostly carry do not matter. The time limit
 * bounds the effect of an announcement lost on its way (Redis down). Until a change from another
 * instance arrives (a moment), an order is priced as it would have been just before it; one for a
 * product deleted meanwhile is rejected when its stock is held.
 */
export class PriceBook {
  private readonly kept: ReadCache<PricedProductState>;

  constructor(
    now: () => number,
    /** Reads the products with these ids (unknown ids are left out). */
    private readonly read: (ids: readonly Types.ObjectId[]) => Promise<PricedProductState[]>,
    ttlMs = 60_000,
  ) {
    this.kept = new ReadCache(now, ttlMs);
  }

  /** The products with these ids that exist (deleted ones included), read only if not kept. */
  async find(ids: readonly Types.ObjectId[]): Promise<PricedProductState[]> {
    const found: PricedProductState[] = [];
    const missing: Types.ObjectId[] = [];
    for (const id of ids) {
      const product = this.kept.get(id.toHexString());
      if (product !== undefined) found.push(product);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const keep = this.kept.beginRead();
    const read = await this.read(missing);
    for (const product of read) keep(product._id.toHexString(), product);
    return [...found, ...read];
  }

  /** A product as a change left it (here, or announced by another instance). */
  changed(view: Pick<ProductView, "id" | "name" | "priceCents" | "deletedAt">): void {
    const kept = this.kept.get(view.id);
    if (kept !== undefined && samePricing(kept, view)) return;
    this.kept.forget(view.id);
  }
}

/** Whether the announced product prices as the kept one (its dates may be ISO strings from JSON). */
function samePricing(kept: PricedProductState, view: Pick<ProductView, "name" | "priceCents" | "deletedAt">): boolean {
  const deleted = view.deletedAt === null ? null : new Date(view.deletedAt).getTime();
  return (
    kept.name === view.name && kept.priceCents === view.priceCents && (kept.deletedAt?.getTime() ?? null) === deleted
  );
}
