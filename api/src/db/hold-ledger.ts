import type { mongo } from "mongoose";
import type { Seam } from "../lib/seam";
import { WriteBatcher } from "../lib/write-batcher";
import { GroupedUpdates } from "./grouped-updates";

/** One hold as stored: `amount` units (or cents) taken for `orderId` under claim `claimId`. */
export interface Hold {
  readonly orderId: mongo.ObjectId;
  readonly claimId: string;
  readonly amount: number;
}

/** A committed hold to settle: the order's hold under `claimId` on `holderId`. */
export interface SettledHold {
  readonly holderId: mongo.ObjectId;
  readonly orderId: mongo.ObjectId;
  readonly claimId: string;
}

/** One holder's part of an order: `amount` from `holderId`. */
export interface HoldShare {
  readonly holderId: mongo.ObjectId;
  readonly amount: number;
}

/** What a take leaves behind. */
export interface TakeResult {
  /**
   * True when this claim holds every share after the take. False when the take did not apply to
   * every share, or (with `states`) when the read after it did not find every share held.
   */
  readonly held: boolean;
  /**
   * The shares' holders, by id (hex), as one read after the take found them; null when the take
   * made no read (the caller reads itself when it needs to know why).
   */
  readonly states: ReadonlyMap<string, HolderState> | null;
}

/** One caller's take: its shares of one order under one claim. */
interface TakeRequest {
  readonly shares: readonly HoldShare[];
  readonly orderId: mongo.ObjectId;
  readonly claimId: string;
}

/** How long a holder changed by a bulk step waits for others to be read (and announced) with. */
const MOVED_LINGER_MS = 50;

/** One conditional update of a holder. */
interface HolderUpdate {
  readonly filter: mongo.Filter<HolderDocument>;
  readonly update: mongo.UpdateFilter<HolderDocument>;
}

/** Step 5's update: the hold leaves, nothing moves (the units are sold, the money spent). */
function settling({ holderId, orderId, claimId }: SettledHold): HolderUpdate {
  const pull: mongo.Document = { $pull: { holds: { orderId, claimId } } };
  return { filter: { _id: holderId, holds: { $elemMatch: { orderId, claimId } } }, update: pull };
}

/** A holder (a product or a customer) as one fresh read sees it. */
export interface HolderState {
  readonly available: number;
  readonly holds: readonly Hold[];
  /** Orders whose refund this holder has received (DESIGN.md step 6). */
  readonly refunds: readonly mongo.ObjectId[];
  readonly deleted: boolean;
}

/** A holder document as this ledger reads and writes it. */
export interface HolderDocument {
  _id: mongo.ObjectId;
  holds: Array<Record<string, unknown>>;
  refunds: mongo.ObjectId[];
  deletedAt?: Date | null;
  [field: string]: unknown;
}

export interface HoldLedgerOptions {
  /** Names the ledger in seam steps and evidence ("stock", "budget"). */
  readonly name: string;
  readonly collection: mongo.Collection<HolderDocument>;
  /** The available amount's field: `stock`, `budgetCents`. */
  readonly availableField: string;
  /** The amount's key inside a stored hold: `quantity`, `amountCents`. */
  readonly amountKey: string;
  /** A field that rises by what is taken and falls by what comes back (`totalSpentCents`). */
  readonly spentField?: string;
  readonly seam: Seam;
  /**
   * Told of every change of the available amount (to publish it), with the document as the update
   * returned it; after a bulk step (which returns no documents), as a read soon after finds it.
   */
  readonly onAvailableChanged?: (doc: HolderDocument) => void;
  /**
   * The fields `onAvailableChanged` reads, all that a step's answer carries: a holder also has its
   * holds, refund markers and fields of its own that nobody told needs decoded. @default all but
   * holds and refunds
   */
  readonly announcedFields?: readonly string[];
}

/**
 * The hold steps of DESIGN.md ("holds", version 2) on one kind of holder. Each step is one
 * conditional single-document update that matches only while its effect has not happened, so it
 * applies exactly once whoever runs it, however often, and passes the seam first.
 */
export class HoldLedger {
  /** Holders a bulk step changed, read in groups to tell `onAvailableChanged` of them. */
  private readonly moved: WriteBatcher<mongo.ObjectId, undefined> | undefined;
  /** The takes of concurrent workers, sent together (see GroupedUpdates). */
  private readonly takes: GroupedUpdates<TakeRequest, TakeResult>;
  /** What a changed holder is read with, for `onAvailableChanged` (its id only when none is told). */
  private readonly announced: mongo.Document;

  constructor(private readonly options: HoldLedgerOptions) {
    const fields = options.announcedFields;
    this.announced =
      options.onAvailableChanged === undefined
        ? { _id: 1 }
        : fields === undefined
          ? { holds: 0, refunds: 0 }
          : Object.fromEntries(fields.map((field) => [field, 1]));
    this.takes = new GroupedUpdates<TakeRequest, TakeResult>({
      collection: () => options.collection as unknown as mongo.Collection<mongo.Document>,
      updatesOf: ({ shares, orderId, claimId }) => shares.map((share) => this.taking(share, orderId, claimId)),
      alone: (request) => this.takeAlone(request),
      applied: ({ shares }) => {
        this.announceMoved(shares);
        return { held: true, states: null };
      },
      verify: (requests) => this.heldAfter(requests),
    });
    const told = options.onAvailableChanged;
    if (told !== undefined) {
      this.moved = new WriteBatcher(
        async (ids: readonly mongo.ObjectId[]) => {
          const distinct = [...new Map(ids.map((id) => [id.toHexString(), id])).values()];
          const docs = await options.collection
            .find({ _id: { $in: distinct } }, { projection: this.announced })
            .toArray();
          for (const doc of docs) told(doc);
          return ids.map(() => undefined);
        },
        { lingerMs: MOVED_LINGER_MS },
      );
    }
  }

  get name(): string {
    return this.options.name;
  }

  /**
   * Step 2/3: takes `amount` for the order under `claimId`, unless deleted, short, or already held
   * for it. Takes of other workers that come meanwhile go out in the same command.
   */
  async take(holderId: mongo.ObjectId, orderId: mongo.ObjectId, claimId: string, amount: number): Promise<TakeResult> {
    await this.step("take");
    return this.takes.apply({ shares: [{ holderId, amount }], orderId, claimId });
  }

  /**
   * `take` from several holders (an order's lines) in one command: the same conditional update for
   * each. A bulk write does not say which updates matched: when not every share is held after it,
   * the caller gives back what this claim took (`restoreAll`) and takes holder by holder.
   */
  async takeAll(shares: readonly HoldShare[], orderId: mongo.ObjectId, claimId: string): Promise<TakeResult> {
    await this.step("take-all");
    return this.takes.apply({ shares, orderId, claimId });
  }

  /** A take that went out alone: what it would have been ungrouped (no read after it). */
  private async takeAlone({ shares, orderId, claimId }: TakeRequest): Promise<TakeResult> {
    if (shares.length === 1) {
      const { filter, update } = this.taking(shares[0], orderId, claimId);
      return { held: await this.change(filter, update), states: null };
    }
    const taken = await this.bulkWrite(shares, (share) => this.taking(share, orderId, claimId));
    return { held: taken === shares.length, states: null };
  }

  /**
   * After a group's take in which some update did not match: one read of every holder in the
   * group says which requests hold all their shares. Only the request's own claim pushes its
   * hold, so a hold found is that request's (taken by this take, or by an earlier one). Two
   * shares of one holder can never both be held (one hold per order and holder).
   */
  private async heldAfter(requests: readonly TakeRequest[]): Promise<TakeResult[]> {
    const ids = requests.flatMap((request) => request.shares.map((share) => share.holderId));
    const states = await this.readStates(ids);
    return requests.map(({ shares, orderId, claimId }) => {
      const mine = new Map<string, HolderState>();
      const held = shares.filter(({ holderId }) => {
        const state = states.get(holderId.toHexString());
        if (state !== undefined) mine.set(holderId.toHexString(), state);
        return state?.holds.some((h) => h.orderId.equals(orderId) && h.claimId === claimId) === true;
      });
      this.announceMoved(held);
      return { held: held.length === shares.length && mine.size === shares.length, states: mine };
    });
  }

  /**
   * `restore` of this claim's holds of the order on several holders, in one command: a holder
   * this claim holds nothing of is left alone. @returns how many holds this call gave back
   */
  async restoreAll(shares: readonly HoldShare[], orderId: mongo.ObjectId, claimId: string): Promise<number> {
    await this.step("restore-all");
    return this.bulkWrite(shares, (share) => this.restoring(share, orderId, claimId));
  }

  /** `update` of each share in one unordered command; how many changed their holder. */
  private async bulkWrite(shares: readonly HoldShare[], update: (share: HoldShare) => HolderUpdate) {
    const result = await this.options.collection.bulkWrite(
      shares.map((share) => ({ updateOne: update(share) })),
      { ordered: false },
    );
    if (result.modifiedCount > 0) this.announceMoved(shares);
    return result.modifiedCount;
  }

  /** One fresh read of the holder's amount, holds and refund markers; null when unknown. */
  async read(holderId: mongo.ObjectId): Promise<HolderState | null> {
    await this.step("read");
    const doc = await this.options.collection.findOne({ _id: holderId }, { projection: this.stateFields() });
    return doc === null ? null : this.stateOf(doc);
  }

  /** `read` of several holders in one command, by id (hex); an unknown holder is left out. */
  async readMany(holderIds: readonly mongo.ObjectId[]): Promise<Map<string, HolderState>> {
    await this.step("read-many");
    return this.readStates(holderIds);
  }

  private async readStates(holderIds: readonly mongo.ObjectId[]): Promise<Map<string, HolderState>> {
    const docs = await this.options.collection
      .find({ _id: { $in: [...holderIds] } }, { projection: this.stateFields() })
      .toArray();
    return new Map(docs.map((doc) => [doc._id.toHexString(), this.stateOf(doc)]));
  }

  private stateFields(): Record<string, 1> {
    return { [this.options.availableField]: 1, holds: 1, refunds: 1, deletedAt: 1 };
  }

  private stateOf(doc: HolderDocument): HolderState {
    const { availableField, amountKey } = this.options;
    const holds = doc.holds ?? [];
    return {
      available: doc[availableField] as number,
      holds: holds.map((h) => ({
        orderId: h["orderId"] as mongo.ObjectId,
        claimId: h["claimId"] as string,
        amount: h[amountKey] as number,
      })),
      refunds: doc.refunds ?? [],
      deleted: doc["deletedAt"] !== null && doc["deletedAt"] !== undefined,
    };
  }

  /**
   * Gives back the order's hold under `claimId` (under any claim when null: only for an order that
   * can never commit again). True if this call gave it back.
   */
  async restore(holderId: mongo.ObjectId, orderId: mongo.ObjectId, amount: number, claimId: string | null) {
    await this.step("restore");
    const { filter, update } = this.restoring({ holderId, amount }, orderId, claimId);
    return this.change(filter, update);
  }

  /** Step 5: a committed hold leaves the holder (the units are sold, the money spent). */
  async settle(holderId: mongo.ObjectId, orderId: mongo.ObjectId, claimId: string): Promise<boolean> {
    await this.step("settle");
    const { filter, update } = settling({ holderId, orderId, claimId });
    const result = await this.options.collection.updateOne(filter, update);
    return result.modifiedCount === 1;
  }

  /**
   * `settle` for several committed holds in one command: the same conditional update for each.
   * @returns how many of them left their holder by this call
   */
  async settleMany(holds: readonly SettledHold[]): Promise<number> {
    await this.step("settle");
    if (holds.length === 0) return 0;
    const result = await this.options.collection.bulkWrite(
      holds.map((hold) => ({ updateOne: settling(hold) })),
      { ordered: false },
    );
    return result.modifiedCount;
  }

  /**
   * Step 6: gives back what the cancelled approved order took under its committed claim, exactly
   * once through the holder's `refunds` marker, whether its hold is still there or settled.
   * @returns true once the holder carries the marker; false while another hold of the order (of a
   * dead claim, which recovery restores) stands in the way.
   */
  async refund(holderId: mongo.ObjectId, orderId: mongo.ObjectId, amount: number, claimId: string) {
    await this.step("refund");
    const withHold = await this.change(
      { _id: holderId, holds: { $elemMatch: { orderId, claimId } }, refunds: { $ne: orderId } },
      { $inc: this.moves(amount), $pull: { holds: { orderId, claimId } }, $push: { refunds: orderId } },
    );
    if (withHold) return true;
    await this.step("refund-settled");
    const settled = await this.change(
      { _id: holderId, "holds.orderId": { $ne: orderId }, refunds: { $ne: orderId } },
      { $inc: this.moves(amount), $push: { refunds: orderId } },
    );
    if (settled) return true;
    await this.step("refund-check");
    return (await this.options.collection.countDocuments({ _id: holderId, refunds: orderId })) === 1;
  }

  /** Every holder that holds anything, with its holds (index-backed: in-flight work only). */
  async holders(): Promise<Array<{ holderId: mongo.ObjectId; holds: Hold[] }>> {
    await this.step("holders");
    const { amountKey } = this.options;
    const docs = await this.options.collection
      .find({ "holds.claimId": { $gt: "" } }, { projection: { holds: 1 } })
      .toArray();
    return docs.map((doc) => ({
      holderId: doc._id,
      holds: (doc.holds ?? []).map((h) => ({
        orderId: h["orderId"] as mongo.ObjectId,
        claimId: h["claimId"] as string,
        amount: h[amountKey] as number,
      })),
    }));
  }

  /** Step 2/3's update: takes the share unless deleted, short, or already held for the order. */
  private taking({ holderId, amount }: HoldShare, orderId: mongo.ObjectId, claimId: string): HolderUpdate {
    const { availableField, amountKey } = this.options;
    const filter: mongo.Document = {
      _id: holderId,
      deletedAt: null,
      [availableField]: { $gte: amount },
      "holds.orderId": { $ne: orderId },
    };
    const update: mongo.Document = {
      $inc: this.moves(-amount),
      $push: { holds: { orderId, claimId, [amountKey]: amount } },
    };
    return { filter, update };
  }

  /** The update that gives the order's hold back (of `claimId`, or of any claim when null). */
  private restoring({ holderId, amount }: HoldShare, orderId: mongo.ObjectId, claimId: string | null): HolderUpdate {
    const match = claimId === null ? { orderId } : { orderId, claimId };
    const filter: mongo.Document = { _id: holderId, holds: { $elemMatch: match } };
    const update: mongo.Document = { $inc: this.moves(amount), $pull: { holds: match } };
    return { filter, update };
  }

  private announceMoved(shares: readonly HoldShare[]): void {
    const moved = this.moved;
    if (moved === undefined) return;
    // Nobody waits for the announcement; a failed read only leaves the feed behind until the next change.
    for (const { holderId } of shares) void moved.add(holderId).catch(() => undefined);
  }

  private step(name: string): Promise<void> {
    return this.options.seam.before(`${this.options.name}:${name}`);
  }

  /** The `$inc` that moves `amount` into the available field (negative: out of it). */
  private moves(amount: number): Record<string, number> {
    const { availableField, spentField } = this.options;
    return spentField === undefined
      ? { [availableField]: amount }
      : { [availableField]: amount, [spentField]: -amount };
  }

  // Plain documents: the driver's types cannot follow the field names this ledger is configured with.
  private async change(filter: mongo.Document, update: mongo.Document) {
    const doc = await this.options.collection.findOneAndUpdate(filter, update, {
      returnDocument: "after",
      projection: this.announced,
    });
    if (doc !== null) this.options.onAvailableChanged?.(doc);
    return doc !== null;
  }
}
