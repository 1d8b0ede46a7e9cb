/** The time source of every service where time matters (tokens, throttling, priority, leases). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests that must never sleep. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date("2030-01-01T00:00:00Z")) {}

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
