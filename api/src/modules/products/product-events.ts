import { Types } from "mongoose";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { ProductModel, type ProductDocument, type ProductEventEntity } from "./product.model";

/** What happened to a product that other modules (webhooks) follow: admin stock changes and deletion. */
export type ProductEventKind = "stock_changed" | "deleted";

/** One owed event, as the product document carries it until every effect has applied it. */
export type ProductEvent = Pick<ProductEventEntity, "eventId" | "kind" | "delta" | "at">;

/** Something that must follow every product event; idempotent per event id, as order event effects are. */
export interface ProductEventEffect {
  readonly name: string;
  /** @returns true once its effect is durable; false (or a throw) leaves the event owed. */
  apply(product: ProductDocument, event: ProductEvent): Promise<boolean>;
}

/**
 * The effects of product events, with the debt-marker pattern of order events: the update that
 * makes the event also pushes it onto the product's `pendingEvents`; `record` applies every effect
 * and pulls the marker only when all succeeded, and `recover` applies the markers a crash left.
 */
export class ProductEvents {
  private readonly effects: ProductEventEffect[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly logger?: Logger,
  ) {}

  addEffect(effect: ProductEventEffect): void {
    this.effects.push(effect);
  }

  /** A new event, to `$push` onto `pendingEvents` in the update that makes it. */
  owe(kind: ProductEventKind, delta: number): ProductEvent {
    return { eventId: new Types.ObjectId(), kind, delta, at: this.clock.now() };
  }

  /** Applies every effect of the event, then clears the product's debt for it if all succeeded. */
  async record(product: ProductDocument, event: ProductEvent): Promise<void> {
    let done = true;
    for (const effect of this.effects) {
      try {
        done = (await effect.apply(product, event)) && done;
      } catch (error) {
        done = false;
        this.logger?.error(
          { err: error, productId: product._id.toHexString(), event: event.kind },
          `product event: ${effect.name} failed`,
        );
      }
    }
    if (done)
      await ProductModel.updateOne(
        { _id: product._id },
        { $pull: { pendingEvents: { eventId: event.eventId } } },
      ).exec();
  }

  /** Applies the events still owed (after a crash between a change and its effects). */
  async recover(limit = 100): Promise<number> {
    const owing = await ProductModel.find({ "pendingEvents.0": { $exists: true } })
      .limit(limit)
      .exec();
    let recorded = 0;
    for (const product of owing) {
      for (const event of [...product.pendingEvents]) {
        await this.record(product, event);
        recorded++;
      }
    }
    return recorded;
  }
}

/** Runs `recover` every `intervalMs`; returns the function that stops it. */
export function startProductEventRecovery(events: ProductEvents, intervalMs: number, logger: Logger): () => void {
  const timer = setInterval(() => {
    events.recover().catch((error: unknown) => logger.error({ err: error }, "product events: recovery failed"));
  }, intervalMs);
  return () => clearInterval(timer);
}
