import type { Logger } from "../logger";
import { PriorityQueue, type QueueEntry } from "./priority-queue";
import { Semaphore } from "./semaphore";

/** What became of one entry: finished, or to be tried again shortly (it may fit later). */
export type WorkOutcome = "done" | "retry";

export interface SchedulerOptions {
  /** Entries worked on at once. */
  readonly concurrency: number;
  /** Processes one entry (claims it first: another instance may have taken it). */
  readonly work: (entry: QueueEntry) => Promise<WorkOutcome>;
  /** The store's waiting entries, best first: how an instance learns of work placed elsewhere. */
  readonly poll: () => Promise<QueueEntry[]>;
  /** @default 1000 */
  readonly pollIntervalMs?: number;
  /** How long a "retry" entry waits before it is queued again. @default 200 */
  readonly retryDelayMs?: number;
  readonly logger: Logger;
}

/** Figures of this instance's scheduler. */
export interface SchedulerStats {
  readonly queued: number;
  readonly inFlight: number;
  readonly concurrency: number;
}

export interface Scheduler {
  /** Queues an entry unless it is queued or being worked on here already. */
  enqueue(entry: QueueEntry): void;
  /** Polls the store once now and then every interval, and starts working. */
  start(): void;
  /** Takes no new work, and resolves once the work in flight has finished. */
  stop(): Promise<void>;
  stats(): SchedulerStats;
}

/**
 * The priority scheduler: one binary heap as the only queue, and a counting semaphore that bounds
 * the entries in flight. Workers pop the best entry whenever a permit is free.
 */
export function makeScheduler(options: SchedulerOptions): Scheduler {
  const queue = new PriorityQueue();
  const permits = new Semaphore(options.concurrency);
  const inFlight = new Map<string, Promise<void>>();
  const retryTimers = new Set<NodeJS.Timeout>();
  let pollTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let polling: Promise<void> | undefined;

  const pump = (): void => {
    while (!stopping && queue.size > 0 && permits.tryAcquire()) {
      const entry = queue.pop()!;
      const running = run(entry).finally(() => {
        inFlight.delete(entry.id);
        permits.release();
        pump();
      });
      inFlight.set(entry.id, running);
    }
  };

  const run = async (entry: QueueEntry): Promise<void> => {
    let outcome: WorkOutcome;
    try {
      outcome = await options.work(entry);
    } catch (error) {
      options.logger.error({ err: error, id: entry.id }, "scheduler work failed; trying again later");
      outcome = "retry";
    }
    if (outcome === "retry" && !stopping) {
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        enqueue(entry);
      }, options.retryDelayMs ?? 200);
      retryTimers.add(timer);
    }
  };

  const enqueue = (entry: QueueEntry): void => {
    if (stopping || inFlight.has(entry.id)) return;
    queue.push(entry);
    pump();
  };

  const poll = (): Promise<void> => {
    if (polling !== undefined || stopping) return polling ?? Promise.resolve();
    polling = (async () => {
      try {
        for (const entry of await options.poll()) enqueue(entry);
      } catch (error) {
        options.logger.error({ err: error }, "scheduler poll failed");
      } finally {
        polling = undefined;
      }
    })();
    return polling;
  };

  return {
    enqueue,
    start() {
      void poll();
      pollTimer = setInterval(() => void poll(), options.pollIntervalMs ?? 1000);
      pollTimer.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(pollTimer);
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      await polling;
      await Promise.all(inFlight.values());
    },
    stats: () => ({ queued: queue.size, inFlight: inFlight.size, concurrency: permits.permits }),
  };
}
