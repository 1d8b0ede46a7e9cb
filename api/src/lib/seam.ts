/**
 * An interleaving point: the order pipeline passes one before every database step, naming the step
 * (and, for a decision, the evidence it rests on). In production it does nothing. The explorer
 * (`npm run explore`) passes its own, which chooses at every point who moves next, pauses, crashes
 * or replays an actor, and checks decisions against an independent rule.
 */
export interface Seam {
  /**
   * Resolves when the step may run; rejects when the actor is to stop here (a simulated crash).
   * Callers must not swallow that rejection.
   */
  before(step: string, evidence?: StepEvidence): Promise<void>;
}

/**
 * The rejection a seam stops an actor with. Code that catches errors to carry on (reporting a
 * failed write, leaving it to recovery) rethrows this one.
 */
export class SeamStop extends Error {}

/** What a rejection for stock or budget was decided on: the holder as the worker read it. */
export interface StepEvidence {
  readonly kind: "shortfall";
  /** The order rejected. */
  readonly orderId: string;
  readonly ledger: string;
  readonly holderId: string;
  readonly wanted: number;
  readonly available: number;
  readonly holds: ReadonlyArray<{ orderId: string; claimId: string; amount: number }>;
}

/** The production seam: every step runs at once. */
export const noSeam: Seam = { before: () => Promise.resolve() };
