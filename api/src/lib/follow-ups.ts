/**
 * Work that follows a change and that nobody needs to wait for, because the change recorded it
 * as owed and recovery does it after a crash (an order's event effects, its settle): run in the
 * background, and waited for by `drain` before shutdown. Inline (the explorer's runs, which step
 * through every write in order), each task is awaited where it starts.
 */
export class FollowUps {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly inline: boolean,
    /** Told of a task that failed (its debt stays for recovery). */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts the task; resolves at once unless inline (then: when it is done, or with its error). */
  run(task: () => Promise<void>): Promise<void> {
    if (this.inline) return task();
    const running: Promise<void> = task()
      .catch((error: unknown) => this.onError(error))
      .finally(() => this.running.delete(running));
    this.running.add(running);
    return Promise.resolve();
  }

  /** How many tasks are under way. */
  get size(): number {
    return this.running.size;
  }

  /** Waits until no task is under way (including those the running ones start). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
