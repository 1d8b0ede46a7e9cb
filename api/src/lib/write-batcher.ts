/** One write waiting in a batch, and how to tell its caller the outcome. */
interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Groups writes that arrive while the previous group is being written into one database command:
 * a caller adds its item and waits for its own result, as if it wrote alone. At most one group is
 * in flight; what arrives meanwhile goes out as soon as it returns (at once when nothing is in
 * flight, after the current turn of the event loop), up to `maxSize` items a command. Under load
 * groups grow by themselves; alone, a write waits no longer than one turn of the event loop.
 */
export class WriteBatcher<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private inFlight = false;
  private scheduled = false;

  constructor(
    /** Writes the items; returns one result per item, in their order. */
    private readonly write: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly maxSize = 500,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.waiting.length === 0) return;
    const group = this.waiting.splice(0, this.maxSize);
    this.inFlight = true;
    try {
      const results = await this.write(group.map((w) => w.item));
      group.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }
}
