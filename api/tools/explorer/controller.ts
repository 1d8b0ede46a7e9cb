import { AsyncLocalStorage } from "node:async_hooks";
import { SeamStop, type Seam, type StepEvidence } from "../../src/lib/seam";

/** Thrown at a crashed actor's interleaving points: the process died there. */
export class Crash extends SeamStop {
  constructor(actor: string) {
    super(`${actor} crashed`);
  }
}

/** Thrown at every actor's next point when the run ends. */
export class RunOver extends Error {
  constructor() {
    super("the run is over");
  }
}

/** One concurrent participant: a worker, its renewer, recovery, an admin, a customer. */
export interface Actor {
  readonly name: string;
  /** The simulated process it belongs to: pausing or crashing a process stops all its actors. */
  readonly process: string;
  /** Where it waits, when it waits at an interleaving point. */
  parked: { step: string; go: () => void; stop: (error: Error) => void } | undefined;
  done: boolean;
  crashed: boolean;
  /** How many steps it has taken. */
  steps: number;
  failure: Error | undefined;
}

/** Told of each decision's evidence as the deciding actor reaches it (the explorer's oracle). */
export type EvidenceCheck = (evidence: StepEvidence) => Promise<void>;

/**
 * A Seam that runs one actor at a time: every actor parks at each interleaving point, and the
 * explorer releases exactly one, waits until it parks again (or ends), then chooses the next. So a
 * run is a sequence of single database steps, fixed by the seed's choices and nothing else.
 */
export class InterleavingController implements Seam {
  readonly actors: Actor[] = [];
  private readonly current = new AsyncLocalStorage<Actor>();
  private moving = 0;
  private settled: (() => void) | undefined;
  /** Once true, every point lets its actor through at once (setup and the final checks). */
  free = false;
  private over = false;

  constructor(private readonly checkEvidence: EvidenceCheck) {}

  async before(step: string, evidence?: StepEvidence): Promise<void> {
    const actor = this.current.getStore();
    if (actor === undefined || this.free) return;
    if (actor.crashed) throw new Crash(actor.name);
    if (this.over) throw new RunOver();
    if (evidence !== undefined) await this.checkEvidence(evidence);
    await new Promise<void>((go, stop) => {
      actor.parked = { step, go, stop };
      this.still(actor);
    });
  }

  /** Starts an actor; it runs until its first interleaving point. */
  spawn(name: string, process: string, body: () => Promise<void>): Actor {
    const actor: Actor = {
      name,
      process,
      parked: undefined,
      done: false,
      crashed: false,
      steps: 0,
      failure: undefined,
    };
    this.actors.push(actor);
    this.moving += 1;
    void this.current.run(actor, async () => {
      try {
        await body();
      } catch (error) {
        if (error instanceof Crash || error instanceof RunOver) return;
        actor.failure = error instanceof Error ? error : new Error(`${name} threw a ${typeof error}`);
      } finally {
        actor.done = true;
        actor.parked = undefined;
        this.still(actor);
      }
    });
    return actor;
  }

  /** Actors waiting at a point, in spawn order. */
  parked(): Actor[] {
    return this.actors.filter((a) => a.parked !== undefined && !a.done);
  }

  /** Lets one parked actor take its step, and resolves when it has parked again or ended. */
  async release(actor: Actor, timeoutMs: number): Promise<void> {
    const parked = actor.parked;
    if (parked === undefined) throw new Error(`${actor.name} is not parked`);
    actor.parked = undefined;
    actor.steps += 1;
    this.moving += 1;
    const still = this.untilStill(timeoutMs, `${actor.name} after ${parked.step}`);
    parked.go();
    await still;
  }

  /** Crashes every actor of the process: each dies at the point where it waits. */
  async crash(process: string, timeoutMs: number): Promise<void> {
    for (const actor of this.actors.filter((a) => a.process === process && !a.done)) {
      actor.crashed = true;
      const parked = actor.parked;
      if (parked === undefined) continue;
      actor.parked = undefined;
      this.moving += 1;
      const still = this.untilStill(timeoutMs, `${actor.name} crashing`);
      parked.stop(new Crash(actor.name));
      await still;
    }
  }

  /** Waits until every started actor has parked or ended. */
  async quiescent(timeoutMs: number): Promise<void> {
    if (this.moving > 0) await this.untilStill(timeoutMs, "start-up");
  }

  /** Ends the run: every parked actor stops at its point. */
  async finish(timeoutMs: number): Promise<void> {
    this.over = true;
    for (const actor of this.parked()) {
      const parked = actor.parked!;
      actor.parked = undefined;
      this.moving += 1;
      const still = this.untilStill(timeoutMs, `${actor.name} stopping`);
      parked.stop(new RunOver());
      await still;
    }
  }

  private still(_actor: Actor): void {
    this.moving -= 1;
    if (this.moving === 0) {
      const settled = this.settled;
      this.settled = undefined;
      settled?.();
    }
  }

  private untilStill(timeoutMs: number, what: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`stuck: ${what} neither parked nor ended in ${timeoutMs} ms`)),
        timeoutMs,
      );
      timer.unref();
      this.settled = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
