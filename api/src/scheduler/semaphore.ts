/** A counting semaphore: at most `permits` holders at once; waiters are served in arrival order. */
export class Semaphore {
  private available: number;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError("permits must be a positive integer");
    this.available = permits;
  }

  /** Permits held right now. */
  get inUse(): number {
    return this.permits - this.available;
  }

  /** Takes a permit at once if one is free. */
  tryAcquire(): boolean {
    if (this.available === 0) return false;
    this.available -= 1;
    return true;
  }

  /** Waits for a permit. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Returns a permit, handing it straight to the oldest waiter if there is one. */
  release(): void {
    const next = this.waiters.shift();
    if (next !== undefined) next();
    else if (this.available < this.permits) this.available += 1;
    else throw new Error("release() without a matching acquire()");
  }
}
