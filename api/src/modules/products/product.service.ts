import type { Types } from "mongoose";
import type { Clock } from "../../clock";
import { HoldLedger, type HolderDocument } from "../../db/hold-ledger";
import { parseObjectId } from "../../db/object-id";
import { formatMoney } from "../../lib/money";
import { ReadCache } from "../../lib/read-cache";
import { noSeam, type Seam } from "../../lib/seam";
import { type Connection, Lazy, paginateLean, type PageArgs } from "../../graphql/connection";
import type { Viewer } from "../../graphql/viewer";
import { BadUserInputError, ConflictError, InsufficientStockError, NotFoundError } from "../../graphql/errors";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import { LogType, type LogService } from "../logs";
import { PriceBook, type PricedProductState } from "./price-book";
import { ProductEvents, type ProductEvent } from "./product-events";
import { ProductModel, type ProductDocument, type ProductEntity } from "./product.model";
import { PRODUCT_VIEW_FIELDS, toProductView, type ProductView } from "./product.view";

export const MAX_PRICE_CENTS = 100_000_000;
export const MAX_STOCK = 1_000_000_000;
const MAX_CAS_ATTEMPTS = 20;
/** How long a list count is believed without an announced change (in case one is lost). */
const COUNT_TTL_MS = 30_000;
/**
 * How long a list page is believed without an announced change. Every change is announced, stock
 * moved by orders included, so this only bounds the effect of an announcement lost on its way.
 */
const PAGE_TTL_MS = 1_000;

/** A page of the product list as read, without its count (kept apart: it changes less often). */
type ProductPage = Pick<Connection<ProductView>, "nodes" | "pageInfo">;

export interface NewProduct {
  readonly name: string;
  readonly description?: string | null;
  readonly priceCents: number;
  readonly stock?: number | null;
}

export interface ProductChanges {
  readonly name?: string | null;
  readonly description?: string | null;
  readonly priceCents?: number | null;
}

/**
 * Products and their stock. Every stock change is one conditional single-document update, so
 * stock never goes negative however admins and order processing interleave; the hold operations
 * at the end are the steps of DESIGN.md that order processing uses.
 */
export class ProductService {
  /** Stock holds of order processing (DESIGN.md steps 2, 5, 6, 7). */
  readonly stockHolds: HoldLedger;

  /**
   * What follows an admin's stock change or a deletion (webhooks): owed on the product in the same
   * update. Stock moved by orders (holds, refunds) is not a product event: order events carry it.
   */
  readonly events: ProductEvents;

  /** Names, prices and deletions for pricing orders, kept up to date by every announced change. */
  private readonly priceBook: PriceBook;
  /** `totalCount` of the product list, by search text, until a change could move it. */
  private readonly counts: ReadCache<number>;
  /** Pages of the product list, by search text and page, until any product changes (stock too). */
  private readonly pages: ReadCache<ProductPage>;
  private readonly changes: AsyncIterableIterator<ProductView>;

  constructor(
    private readonly pubSub: AppPubSub,
    private readonly logs: LogService,
    private readonly clock: Clock,
    seam: Seam = noSeam,
  ) {
    this.events = new ProductEvents(clock);
    this.priceBook = new PriceBook(
      () => clock.now().getTime(),
      (ids) =>
        ProductModel.find({ _id: { $in: ids } }, { name: 1, priceCents: 1, deletedAt: 1 })
          .lean<PricedProductState[]>()
          .exec(),
    );
    this.counts = new ReadCache(() => clock.now().getTime(), COUNT_TTL_MS, 1_000);
    this.pages = new ReadCache(() => clock.now().getTime(), PAGE_TTL_MS, 200);
    // Every instance's changes (this one's too, already told in `publish`); nothing is queued.
    this.changes = pubSub.subscribe(Topic.PRODUCT_UPDATED, (view) => {
      this.changed(view, view.stockOnly === true);
      return false;
    });
    this.stockHolds = new HoldLedger({
      name: "stock",
      collection: ProductModel.db.collection<HolderDocument>(ProductModel.collection.collectionName),
      availableField: "stock",
      amountKey: "quantity",
      seam,
      // The stored document as the update returned it: a view needs no mongoose document.
      onAvailableChanged: (doc) => this.publish(doc as unknown as ProductEntity, true),
      announcedFields: PRODUCT_VIEW_FIELDS,
    });
  }

  /**
   * Active products, newest first, optionally those whose name contains `search` (any case). A
   * page read is kept until any product changes on any instance (stock moved by orders too), so
   * a list read again and again while nothing changes costs no database command.
   */
  async list(search: string | null | undefined, page: PageArgs): Promise<Connection<ProductView>> {
    const filter: Record<string, unknown> = { deletedAt: null };
    const text = search?.trim();
    if (text) {
      if (text.length > 100) throw new BadUserInputError("search must be at most 100 characters.", "search");
      filter["name"] = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
    }
    const count = () => this.count(text?.toLowerCase() ?? "", filter);
    const key = JSON.stringify([text ?? "", page.first ?? null, page.after ?? null]);
    const kept = this.pages.get(key);
    if (kept !== undefined) return { ...kept, totalCount: new Lazy(count) };
    const keep = this.pages.beginRead();
    // Plain objects of the shown fields only: a product also carries its holds and refunds.
    const result = await paginateLean<ProductEntity, (typeof PRODUCT_VIEW_FIELDS)[number]>(ProductModel, filter, page, {
      defaultSize: 20,
      timeField: "createdAt",
      fields: PRODUCT_VIEW_FIELDS,
      count,
    });
    const read: ProductPage = { nodes: result.nodes.map(toProductView), pageInfo: result.pageInfo };
    keep(key, read);
    return { ...read, totalCount: result.totalCount };
  }

  /**
   * How many active products match the search: kept until a product is created, renamed, deleted
   * or has its stock set by an admin on any instance (orders moving stock change no count).
   */
  private async count(search: string, filter: Record<string, unknown>): Promise<number> {
    const kept = this.counts.get(search);
    if (kept !== undefined) return kept;
    const keep = this.counts.beginRead();
    const counted = await ProductModel.countDocuments(filter).exec();
    keep(search, counted);
    return counted;
  }

  /** A product by id, deleted or not; null for an unknown or malformed id. */
  async findById(id: string): Promise<ProductView | null> {
    const _id = parseObjectId(id);
    const doc = _id === null ? null : await ProductModel.findById(_id).exec();
    return doc === null ? null : toProductView(doc);
  }

  /**
   * What pricing needs of the products with these ids (deleted ones included, unknown ones left
   * out), from the price book: usually no read.
   */
  pricing(ids: readonly Types.ObjectId[]): Promise<PricedProductState[]> {
    return this.priceBook.find(ids);
  }

  /** Stops following announced changes. */
  async close(): Promise<void> {
    await this.changes.return?.();
  }

  /** Products by id, deleted or not, in no particular order (for DataLoaders). */
  async findByIds(ids: readonly Types.ObjectId[]): Promise<ProductDocument[]> {
    return ProductModel.find({ _id: { $in: ids } }).exec();
  }

  /** How many products are not deleted. */
  async countActive(): Promise<number> {
    return ProductModel.countDocuments({ deletedAt: null }).exec();
  }

  /** Active products (for random orders). */
  async activeSample(limit: number): Promise<ProductDocument[]> {
    return ProductModel.find({ deletedAt: null }).limit(limit).exec();
  }

  async create(actor: Viewer, input: NewProduct): Promise<ProductView> {
    const name = checkName(input.name);
    const description = checkDescription(input.description ?? "");
    checkPrice(input.priceCents);
    const stock = input.stock ?? 0;
    checkStock(stock, "stock");
    const doc = await ProductModel.create({
      name,
      description,
      priceCents: input.priceCents,
      stock,
      receivedTotal: stock,
      ownerId: actor.id,
    });
    const view = this.publish(doc);
    await this.logs.record({
      type: LogType.PRODUCT,
      message: `Product "${name}" created (${formatMoney(input.priceCents)}, ${stock} in stock)`,
      actorId: actor.id,
      productId: doc._id,
      data: { priceCents: input.priceCents, stock },
    });
    return view;
  }

  async update(actor: Viewer, id: string, changes: ProductChanges): Promise<ProductView> {
    const set: Record<string, unknown> = {};
    if (changes.name !== undefined && changes.name !== null) set["name"] = checkName(changes.name);
    if (changes.description !== undefined && changes.description !== null)
      set["description"] = checkDescription(changes.description);
    if (changes.priceCents !== undefined && changes.priceCents !== null) {
      checkPrice(changes.priceCents);
      set["priceCents"] = changes.priceCents;
    }
    const before = await this.requireActive(id);
    const doc = await ProductModel.findOneAndUpdate(
      { _id: before._id, deletedAt: null },
      { $set: set },
      { returnDocument: "after" },
    ).exec();
    if (doc === null) throw new NotFoundError("Product", id);
    const view = this.publish(doc);
    await this.logs.record({
      type: LogType.PRODUCT,
      message: `Product "${doc.name}" updated`,
      actorId: actor.id,
      productId: doc._id,
      data: { before: { name: before.name, priceCents: before.priceCents }, changes: set },
    });
    return view;
  }

  /** Soft delete: pending orders with it are rejected; approved ones keep their snapshot. */
  async delete(actor: Viewer, id: string): Promise<boolean> {
    const product = await this.requireActive(id);
    const event = this.events.owe("deleted", 0);
    const doc = await ProductModel.findOneAndUpdate(
      { _id: product._id, deletedAt: null },
      { $set: { deletedAt: this.clock.now() }, $push: { pendingEvents: event } },
      { returnDocument: "after" },
    ).exec();
    if (doc === null) throw new NotFoundError("Product", id);
    this.publish(doc);
    await this.events.record(doc, event);
    await this.logs.record({
      type: LogType.PRODUCT,
      message: `Product "${doc.name}" deleted`,
      actorId: actor.id,
      productId: doc._id,
    });
    return true;
  }

  /**
   * Adds `delta` units (negative removes) in one conditional update.
   * @throws InsufficientStockError when it would go below zero.
   */
  async adjustStock(actor: Viewer, id: string, delta: number): Promise<ProductView> {
    if (!Number.isInteger(delta) || Math.abs(delta) > MAX_STOCK) {
      throw new BadUserInputError(`delta must be a whole number within ±${MAX_STOCK}.`, "delta");
    }
    const product = await this.requireActive(id);
    const bound = delta < 0 ? { $gte: -delta } : { $lte: MAX_STOCK - delta };
    const event = this.events.owe("stock_changed", delta);
    const doc = await ProductModel.findOneAndUpdate(
      { _id: product._id, deletedAt: null, stock: bound },
      { $inc: { stock: delta, receivedTotal: delta }, $push: { pendingEvents: event } },
      { returnDocument: "after" },
    ).exec();
    if (doc === null) {
      const current = await this.requireActive(id);
      if (delta < 0) {
        throw new InsufficientStockError(
          id,
          current.stock,
          `Not enough stock of "${current.name}": ${current.stock} available, cannot remove ${-delta}.`,
        );
      }
      throw new BadUserInputError(`Stock cannot exceed ${MAX_STOCK}.`, "delta");
    }
    const message = `Stock of "${doc.name}" adjusted by ${delta} to ${doc.stock}`;
    return this.afterStockChange(actor, doc, message, event);
  }

  /** Sets the available units: compare-and-set on the value read, retried when it changed. */
  async setStock(actor: Viewer, id: string, stock: number): Promise<ProductView> {
    checkStock(stock, "stock");
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const product = await this.requireActive(id);
      const event = this.events.owe("stock_changed", stock - product.stock);
      const doc = await ProductModel.findOneAndUpdate(
        { _id: product._id, deletedAt: null, stock: product.stock },
        { $set: { stock }, $inc: { receivedTotal: event.delta }, $push: { pendingEvents: event } },
        { returnDocument: "after" },
      ).exec();
      if (doc !== null) return this.afterStockChange(actor, doc, `Stock of "${doc.name}" set to ${stock}`, event);
    }
    throw new ConflictError("The stock kept changing while it was being set; please try again.");
  }

  private async afterStockChange(
    actor: Viewer,
    doc: ProductDocument,
    message: string,
    event: ProductEvent,
  ): Promise<ProductView> {
    const view = this.publish(doc);
    await this.logs.record({
      type: LogType.STOCK,
      message,
      actorId: actor.id,
      productId: doc._id,
      data: { delta: event.delta, stock: doc.stock },
    });
    await this.events.record(doc, event);
    return view;
  }

  /** Announces the product as it is now; `stockOnly` when only orders moved its stock. */
  private publish(doc: Pick<ProductEntity, "_id" | (typeof PRODUCT_VIEW_FIELDS)[number]>, stockOnly = false) {
    const view = toProductView(doc);
    this.changed(view, stockOnly);
    this.pubSub.publish(Topic.PRODUCT_UPDATED, stockOnly ? { ...view, stockOnly } : view);
    return view;
  }

  /**
   * What a product change makes this instance forget: its price-book entry, every list page, and,
   * unless only orders moved its stock, every list count.
   */
  private changed(view: ProductView, stockOnly: boolean): void {
    this.priceBook.changed(view);
    this.pages.forgetWhere(() => true);
    if (!stockOnly) this.counts.forgetWhere(() => true);
  }

  private async requireActive(id: string): Promise<ProductDocument> {
    const _id = parseObjectId(id);
    const doc = _id === null ? null : await ProductModel.findOne({ _id, deletedAt: null }).exec();
    if (doc === null) throw new NotFoundError("Product", id);
    return doc;
  }
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200)
    throw new BadUserInputError("The name must be 1 to 200 characters.", "name");
  return trimmed;
}

function checkDescription(description: string): string {
  if (description.length > 5000)
    throw new BadUserInputError("The description must be at most 5000 characters.", "description");
  return description.trim();
}

function checkPrice(priceCents: number): void {
  if (!Number.isSafeInteger(priceCents) || priceCents < 1 || priceCents > MAX_PRICE_CENTS) {
    throw new BadUserInputError(`priceCents must be a whole number from 1 to ${MAX_PRICE_CENTS}.`, "priceCents");
  }
}

function checkStock(stock: number, field: string): void {
  if (!Number.isInteger(stock) || stock < 0 || stock > MAX_STOCK) {
    throw new BadUserInputError(`${field} must be a whole number from 0 to ${MAX_STOCK}.`, field);
  }
}
