import type { mongo } from "mongoose";
import { WriteBatcher } from "../lib/write-batcher";

/** One conditional update of one document: it matches only while its effect has not happened. */
export interface ConditionalUpdate {
  readonly filter: mongo.Document;
  readonly update: mongo.Document;
}

export interface GroupedUpdatesOptions<Q, R> {
  /** Where the updates go (read when a group is written). */
  readonly collection: () => mongo.Collection<mongo.Document>;
  /** The conditional updates of one request (one or more documents). */
  readonly updatesOf: (request: Q) => readonly ConditionalUpdate[];
  /** A group of one request: its own command(s), exactly as if it were not grouped. */
  readonly alone: (request: Q) => Promise<R>;
  /** A request's result when every update of its group matched. */
  readonly applied: (request: Q) => R;
  /**
   * The requests' results when some update of their group did not match: a bulk write says how
   * many matched, not which, so this tells from one read of the documents made after the write.
   * Each update's effect must be recognisable there (a hold under its claim, a committed claim),
   * and made by nobody but its own request.
   */
  readonly verify: (requests: readonly Q[]) => Promise<R[]>;
}

/**
 * Conditional updates from concurrent callers (an order pipeline's workers), sent together: the
 * requests that arrive in one turn of the event loop go out as one unordered bulk write
 * (WriteBatcher), and each caller learns the result of its own request. When every update
 * matched, each request applied; otherwise one read says which did (`verify`). A request alone
 * goes out by itself, as it would ungrouped.
 *
 * Grouping changes no step's meaning: each update is still one atomic conditional update of one
 * document, applied at most once; a group only shares the command that carries them. The read
 * that tells a group's results apart is taken after the write, like the read a step makes after an
 * update whose answer was lost.
 */
export class GroupedUpdates<Q, R> {
  private readonly batcher: WriteBatcher<Q, R>;

  constructor(private readonly options: GroupedUpdatesOptions<Q, R>) {
    // Callers wait for their result: none waits for another group's round trip first, so a group
    // is what arrives in one turn of the event loop (workers that resumed together).
    this.batcher = new WriteBatcher((requests) => this.write(requests), { maxInFlight: Infinity });
  }

  /** Applies the request's updates with whatever else arrives meanwhile; its own result. */
  apply(request: Q): Promise<R> {
    return this.batcher.add(request);
  }

  private async write(requests: readonly Q[]): Promise<R[]> {
    const { alone, collection, updatesOf, applied, verify } = this.options;
    if (requests.length === 1) return [await alone(requests[0])];
    const updates = requests.flatMap(updatesOf);
    const result = await collection().bulkWrite(
      updates.map(({ filter, update }) => ({ updateOne: { filter, update } })),
      { ordered: false },
    );
    if (result.matchedCount === updates.length) return requests.map(applied);
    return verify(requests);
  }
}
