/** The seeded choices every generator makes: the same seed gives the same workload. */

/** A seeded generator of numbers in [0, 1). */
export type Rng = () => number;

export const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
export const chance = (r: Rng, p: number): boolean => r() < p;
export const between = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const hex24 = (r: Rng): string =>
  Array.from({ length: 24 }, () => "0123456789abcdef"[between(r, 0, 15)]).join("");
