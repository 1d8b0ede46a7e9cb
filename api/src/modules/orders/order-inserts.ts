import { bulkWriteErrors } from "../../db/bulk-write-errors";
import { isDuplicateKeyError } from "../../db/duplicate-key";
import { WriteBatcher } from "../../lib/write-batcher";
import { OrderModel, type OrderDocument } from "./order.model";

/** What became of one new order's insert: stored, or an order with its id was stored first. */
export type InsertOutcome = "inserted" | "duplicate";

/** Stores one new (validated) order document. */
export type InsertOrder = (doc: OrderDocument) => Promise<InsertOutcome>;

/** An insert's outcome, or the error that refused only that document. */
type Written = InsertOutcome | { readonly error: unknown };

/** Mongoose's own step before `insertMany` (a schema method of models with timestamps). */
interface WithTimestamps {
  initializeTimestamps(): void;
}

/**
 * How placement stores its orders. Alone, each is one `save`. Grouped, the orders placed while the
 * previous group is being written go out together as one unordered `insertMany`, and each caller
 * learns the outcome of its own document: inserted, a duplicate `_id` (a concurrent retry with the
 * same idempotency key stored it first), or its own error. A group is exactly the inserts that
 * would otherwise have queued for the driver's connections meanwhile; a lone placement goes out at
 * the next turn of the event loop.
 */
export function orderInserter(grouped: boolean): InsertOrder {
  if (!grouped) return insertOne;
  const batcher = new WriteBatcher(insertMany);
  return async (doc) => {
    await doc.validate();
    const written = await batcher.add(doc);
    if (typeof written === "object") throw written.error;
    return written;
  };
}

async function insertOne(doc: OrderDocument): Promise<InsertOutcome> {
  try {
    await doc.save();
    return "inserted";
  } catch (error) {
    if (isDuplicateKeyError(error)) return "duplicate";
    throw error;
  }
}

/** The documents as `save` would store them (timestamps, version key), in one command. */
async function insertMany(docs: readonly OrderDocument[]): Promise<Written[]> {
  const raw = docs.map((doc) => {
    (doc as unknown as WithTimestamps).initializeTimestamps();
    return { ...doc.toObject({ depopulate: true, virtuals: false, transform: false }), __v: 0 };
  });
  const outcomes: Written[] = docs.map(() => "inserted");
  try {
    await OrderModel.collection.insertMany(raw, { ordered: false });
  } catch (error) {
    const writeErrors = bulkWriteErrors(error);
    if (writeErrors === null) throw error; // the command itself failed: every caller hears it
    for (const writeError of writeErrors) {
      outcomes[writeError.index] = isDuplicateKeyError(writeError)
        ? "duplicate"
        : {
            error: Object.assign(new Error(writeError.errmsg ?? "the order was not stored"), { code: writeError.code }),
          };
    }
  }
  for (const [i, doc] of docs.entries()) if (outcomes[i] === "inserted") doc.isNew = false;
  return outcomes;
}
