import { InterleavingController, type Actor } from "../../tools/explorer/controller";

const TIMEOUT_MS = 10_000;

/**
 * A hand-written schedule over the explorer's controller: actors park at every interleaving
 * point, and a test moves each one to the point it names, so a known race is replayed exactly.
 */
export class Script {
  readonly controller = new InterleavingController(() => Promise.resolve());

  /** Starts an actor (of its own process unless named); it parks at its first point. */
  async spawn(name: string, body: () => Promise<unknown>, process = name): Promise<Actor> {
    const actor = this.controller.spawn(name, process, async () => {
      await body();
    });
    await this.controller.quiescent(TIMEOUT_MS);
    return actor;
  }

  /** Moves the actor until it waits at `step` (nothing, if it waits there already). */
  async to(name: string, step: string): Promise<void> {
    const actor = this.actor(name);
    while (actor.parked?.step !== step) {
      if (actor.done) throw new Error(`${name} ended before reaching ${step}`);
      await this.controller.release(actor, TIMEOUT_MS);
    }
  }

  /** Moves the actor until it waits at `step`, then lets it take that step. */
  async past(name: string, step: string): Promise<void> {
    await this.to(name, step);
    await this.controller.release(this.actor(name), TIMEOUT_MS);
  }

  /** Moves the actor to its end, and fails if it failed. */
  async finish(name: string): Promise<void> {
    const actor = this.actor(name);
    while (!actor.done) await this.controller.release(actor, TIMEOUT_MS);
    if (actor.failure !== undefined)
      throw actor.failure instanceof Error ? actor.failure : new Error(String(actor.failure));
  }

  /** The process dies where it waits. */
  crash(name: string): Promise<void> {
    return this.controller.crash(this.actor(name).process, TIMEOUT_MS);
  }

  private actor(name: string): Actor {
    const actor = this.controller.actors.find((a) => a.name === name);
    if (actor === undefined) throw new Error(`no actor ${name}`);
    return actor;
  }
}
