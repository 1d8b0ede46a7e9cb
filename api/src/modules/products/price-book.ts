import { Types } from "mongoose";
import { BoundedMap } from "../../lib/bounded-map";
import type { ProductView } from "./product.view";

/** What pricing an order needs of a product, and when it last changed. */
export interface PricedProductState {
  readonly _id: Types.ObjectId;
  readonly name: string;
  readonly priceCents: number;
  readonly deletedAt: Date | null;
  /** Moved by every change of name, price or deletion (not by the stock orders move). */
  readonly updatedAt: Date;
}

interface Entry {
  readonly product: PricedProductState;
  readonly until: number;
}

/**
 * The name, price and deletion of each product, kept from the reads and from every change
 * announced on PRODUCT_UPDATED (by any instance), so that placing an order usually costs no read
 * of its products. A read and an announcement of one product meet by `updatedAt`: the later state
 * wins, whichever arrives first. The time limit bounds the effect of an announcement lost on its
 * way (Redis down). Until a change from another instance arrives (a moment), an order is priced as
 * it would have been just before it; a product deleted meanwhile is refused when its stock is held.
 */
export class PriceBook {
  private readonly entries = new BoundedMap<string, Entry>(10_000);

  constructor(
    private readonly now: () => number,
    /** Reads the products with these ids (unknown ids are left out). */
    private readonly read: (ids: readonly Types.ObjectId[]) => Promise<PricedProductState[]>,
    private readonly ttlMs = 60_000,
  ) {}

  /** The products with these ids that exist (deleted ones included), read only if not known. */
  async find(ids: readonly Types.ObjectId[]): Promise<PricedProductState[]> {
    const found: PricedProductState[] = [];
    const missing: Types.ObjectId[] = [];
    const now = this.now();
    for (const id of ids) {
      const entry = this.entries.get(id.toHexString());
      if (entry !== undefined && entry.until > now) found.push(entry.product);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    for (const product of await this.read(missing)) found.push(this.learn(product));
    return found;
  }

  /**
   * A product's state as a read or a change found it.
   * @returns the state kept for it: this one, or a later one already known
   */
  learn(product: PricedProductState): PricedProductState {
    const key = product._id.toHexString();
    const known = this.entries.get(key);
    if (known !== undefined && known.product.updatedAt.getTime() > product.updatedAt.getTime()) {
      return known.product;
    }
    this.entries.set(key, { product, until: this.now() + this.ttlMs });
    return product;
  }

  /** A change as announced (its dates are ISO strings when it crossed instances as JSON). */
  learnView(view: ProductView): void {
    this.learn({
      _id: new Types.ObjectId(view.id),
      name: view.name,
      priceCents: view.priceCents,
      deletedAt: view.deletedAt === null ? null : new Date(view.deletedAt),
      updatedAt: new Date(view.updatedAt),
    });
  }
}
