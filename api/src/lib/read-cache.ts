import { BoundedMap } from "./bounded-map";

interface Entry<V> {
  readonly value: V;
  readonly until: number;
}

/**
 * What this instance has read of something that changes rarely, kept for `ttlMs` or until a change
 * is announced (`forget`). A read under way when a change arrives is not kept: it may have seen the
 * state from before it, so a forgotten value is never believed again. The time limit bounds the
 * effect of an announcement lost on its way (Redis down).
 */
export class ReadCache<V> {
  private readonly entries: BoundedMap<string, Entry<V>>;
  /** Changes announced so far (a read that saw this number move is not kept). */
  private changes = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
    capacity = 10_000,
  ) {
    this.entries = new BoundedMap(capacity);
  }

  /** The value kept for `key`, when it was read less than `ttlMs` ago. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Call before reading: the function it returns keeps what the read found, unless a change arrived meanwhile. */
  beginRead(): (key: string, value: V) => void {
    const changes = this.changes;
    return (key, value) => {
      if (this.changes === changes) this.entries.set(key, { value, until: this.now() + this.ttlMs });
    };
  }

  /** `key` changed: read it again next time. */
  forget(key: string): void {
    this.changes += 1;
    this.entries.delete(key);
  }

  /** Every value that `changed` picks changed: read them again next time. */
  forgetWhere(changed: (value: V) => boolean): void {
    this.changes += 1;
    for (const [key, entry] of this.entries) if (changed(entry.value)) this.entries.delete(key);
  }
}
