/** An entry of the scheduler's queue. */
export interface QueueEntry {
  readonly id: string;
  /**
   * The static priority key: larger is served first. For OrderFlow, `base(tier) −
   * agingPerSecond × createdAt/1000`, which orders entries exactly as their dynamic priority does
   * at any moment, because every entry ages at the same rate.
   */
  readonly key: number;
  /** Milliseconds since the epoch; breaks ties, older first. */
  readonly createdAt: number;
}

/** True when `a` is served before `b`: larger key, then older, then smaller id. */
function before(a: QueueEntry, b: QueueEntry): boolean {
  if (a.key !== b.key) return a.key > b.key;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

/** A binary max-heap of queue entries, without duplicates: O(log n) push and pop. */
export class PriorityQueue {
  private readonly heap: QueueEntry[] = [];
  private readonly ids = new Set<string>();

  get size(): number {
    return this.heap.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds an entry; false (and nothing changes) when its id is already queued. */
  push(entry: QueueEntry): boolean {
    if (this.ids.has(entry.id)) return false;
    this.ids.add(entry.id);
    this.heap.push(entry);
    this.up(this.heap.length - 1);
    return true;
  }

  /** Removes and returns the entry to serve next. */
  pop(): QueueEntry | undefined {
    const top = this.heap[0];
    if (top === undefined) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    this.ids.delete(top.id);
    return top;
  }

  peek(): QueueEntry | undefined {
    return this.heap[0];
  }

  private up(index: number): void {
    const entry = this.heap[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(entry, this.heap[parent])) break;
      this.heap[index] = this.heap[parent]!;
      index = parent;
    }
    this.heap[index] = entry;
  }

  private down(index: number): void {
    const entry = this.heap[index];
    const length = this.heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && before(this.heap[right], this.heap[left]) ? right : left;
      if (!before(this.heap[child], entry)) break;
      this.heap[index] = this.heap[child]!;
      index = child;
    }
    this.heap[index] = entry;
  }
}

/** The priority key of an entry created at `createdAtMs` with base priority `base`. */
export function priorityKey(base: number, agingPerSec: number, createdAtMs: number): number {
  return base - (agingPerSec * createdAtMs) / 1000;
}

/** The dynamic priority at `nowMs` of an entry with `key`: base + aging × waited seconds. */
export function livePriority(key: number, agingPerSec: number, nowMs: number): number {
  return key + (agingPerSec * nowMs) / 1000;
}
