import type { Client } from "graphql-ws";

/** A subscription being listened to: the events received (the first field of each), and errors. */
export interface Feed<T> {
  readonly events: T[];
  readonly errors: unknown[];
  stop(): void;
  done(): boolean;
}

/** Subscribes and collects what arrives. */
export function listen<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Feed<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        else if (result.data) events.push(Object.values(result.data)[0] as T);
      },
      error: (error) => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  return { events, errors, stop, done: () => completed };
}

/** Waits `ms` (e.g. for a subscription to be registered on the server). */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling every 25 ms. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await settle(25);
  }
}

/** Reads again every 25 ms until `done` holds for what `read` returns (or the time is up), and returns the last read. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await settle(25);
  }
}
