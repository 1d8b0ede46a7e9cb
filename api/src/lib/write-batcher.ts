/** One write waiting in a batch, and how to tell its caller the outcome. */
interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

export interface WriteBatcherOptions {
  /** The most items in one command. @default 500 */
  readonly maxSize?: number;
  /**
   * How long the first item of a group may wait for others before the group goes out (unless it
   * is full first). 0: at the next turn of the event loop. @default 0
   */
  readonly lingerMs?: number;
  /**
   * How many groups may be in flight at once. 1 (the default) lets groups grow under load; more
   * groups only what arrives in the same turn, for callers that wait for their result and would
   * rather not wait for another group's round trip first.
   */
  readonly maxInFlight?: number;
}

/**
 * Groups writes that arrive while the previous group is being written into one database command:
 * a caller adds its item and waits for its own result, as if it wrote alone. At most one group is
 * in flight; what arrives meanwhile goes out as soon as it returns (at once when nothing is in
 * flight, after the current turn of the event loop, or once its oldest item waited `lingerMs`),
 * up to `maxSize` items a command. Under load groups grow by themselves; with a linger they grow
 * also when each write is quick, for callers that need not wait (their item is safe elsewhere).
 */
export class WriteBatcher<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  /** When the oldest waiting item arrived. */
  private oldestAt = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | "immediate" | undefined;
  private readonly maxSize: number;
  private readonly lingerMs: number;
  private readonly maxInFlight: number;

  constructor(
    /** Writes the items; returns one result per item, in their order. */
    private readonly write: (items: readonly T[]) => Promise<readonly R[]>,
    options: WriteBatcherOptions = {},
  ) {
    this.maxSize = options.maxSize ?? 500;
    this.lingerMs = options.lingerMs ?? 0;
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.waiting.length === 0) this.oldestAt = Date.now();
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight >= this.maxInFlight || this.waiting.length === 0) return;
    const delay = this.waiting.length >= this.maxSize ? 0 : this.oldestAt + this.lingerMs - Date.now();
    if (this.timer !== undefined) {
      if (delay > 0 || this.timer === "immediate") return;
      clearTimeout(this.timer); // full before its time
    }
    if (delay > 0) {
      this.timer = setTimeout(() => this.fire(), delay);
    } else {
      this.timer = "immediate";
      setImmediate(() => this.fire());
    }
  }

  private fire(): void {
    this.timer = undefined;
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.maxInFlight || this.waiting.length === 0) return;
    const group = this.waiting.splice(0, this.maxSize);
    this.oldestAt = Date.now();
    this.inFlight += 1;
    try {
      const results = await this.write(group.map((w) => w.item));
      group.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      this.inFlight -= 1;
      this.schedule();
    }
  }
}
