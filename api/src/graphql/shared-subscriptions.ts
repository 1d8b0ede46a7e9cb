import type { ExecutionResult } from "graphql";
import { PushIterator } from "../lib/push-iterator";

type Source = AsyncGenerator<ExecutionResult> | AsyncIterable<ExecutionResult>;
type Started = Source | ExecutionResult;

/** One socket's view of a shared execution: the results it has not sent yet. */
type Listener = PushIterator<ExecutionResult>;

/** The sockets that share one execution, and that execution once it has started. */
class Group {
  readonly listeners = new Set<Listener>();
  /** Whether the execution started live (false: each socket starts its own). */
  ready: Promise<boolean> = Promise.resolve(false);
  source: Source | undefined;
  stopped = false;
}

/**
 * Executes a subscription once for every socket that subscribed with the same key (the lead
 * engineer's choice: admins with the same document and variables, who all see the same view),
 * and sends each result to all of them. The execution stops when its last socket leaves. A
 * subscription whose start fails (an ExecutionResult with errors) is not shared.
 */
export class SharedSubscriptions {
  private readonly groups = new Map<string, Group>();
  private executions = 0;

  /** How many executions run for how many sockets: for tests and metrics. */
  stats(): { readonly executions: number; readonly groups: number; readonly sockets: number } {
    let sockets = 0;
    for (const group of this.groups.values()) sockets += group.listeners.size;
    return { executions: this.executions, groups: this.groups.size, sockets };
  }

  /**
   * Joins the execution under `key`, starting it with `start` when there is none. When the start
   * gives no live execution (an ExecutionResult, e.g. an error), each socket starts its own.
   */
  async join(key: string, start: () => Promise<Started> | Started): Promise<Started> {
    let group = this.groups.get(key);
    let first: Promise<Started> | undefined;
    if (group === undefined) {
      group = new Group();
      this.groups.set(key, group);
      first = this.begin(key, group, start);
      group.ready = first.then(isSource, () => false);
    }
    const listener = this.listen(key, group);
    if (first !== undefined) {
      const started = await first;
      return isSource(started) ? listener : started;
    }
    if (await group.ready) return listener;
    await listener.return();
    return start();
  }

  private async begin(key: string, group: Group, start: () => Promise<Started> | Started): Promise<Started> {
    let started: Started;
    try {
      started = await start();
    } catch (error) {
      this.dissolve(key, group);
      throw error;
    }
    if (!isSource(started)) {
      this.dissolve(key, group);
      return started;
    }
    group.source = started;
    this.executions += 1;
    if (group.listeners.size === 0) await this.stop(group);
    else void this.pump(key, group, started);
    return started;
  }

  private listen(key: string, group: Group): Listener {
    const listener = new PushIterator<ExecutionResult>((left) => {
      group.listeners.delete(left);
      if (group.listeners.size === 0) {
        if (this.groups.get(key) === group) this.groups.delete(key);
        void this.stop(group);
      }
    });
    group.listeners.add(listener);
    return listener;
  }

  private async pump(key: string, group: Group, source: Source): Promise<void> {
    try {
      for await (const result of source) for (const listener of group.listeners) listener.push(result);
    } finally {
      this.dissolve(key, group);
    }
  }

  private dissolve(key: string, group: Group): void {
    if (this.groups.get(key) === group) this.groups.delete(key);
    for (const listener of group.listeners) listener.end();
    group.listeners.clear();
  }

  private async stop(group: Group): Promise<void> {
    if (group.stopped || group.source === undefined) return;
    group.stopped = true;
    const source = group.source as Partial<AsyncGenerator<ExecutionResult>>;
    await source.return?.(undefined);
  }
}

function isSource(started: Started): started is Source {
  return typeof (started as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator] === "function";
}
