import { BadUserInputError } from "../../graphql/errors";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Control characters (C0, DEL, C1) and bidirectional overrides have no place in a name.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A UTF-16 surrogate without its pair: not a character at all. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Only format characters, separators and combining marks: nothing a person would see. */
const INVISIBLE = /^[\p{Cf}\p{Z}\p{M}]*$/u;

/** A display name: trimmed, 1 to 100 printable characters, at least one of them visible. */
export function normalizeName(name: string, field = "name"): string {
  const trimmed = name.trim();
  if (
    trimmed.length < 1 ||
    trimmed.length > 100 ||
    UNPRINTABLE.test(trimmed) ||
    LONE_SURROGATE.test(trimmed) ||
    INVISIBLE.test(trimmed)
  ) {
    throw new BadUserInputError("The name must be 1 to 100 printable characters.", field);
  }
  return trimmed;
}

/** An email address: trimmed and lower-cased, at most 254 characters. */
export function normalizeEmail(email: string, field = "email"): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !EMAIL.test(normalized) || UNPRINTABLE.test(normalized)) {
    throw new BadUserInputError("That is not a valid email address.", field);
  }
  return normalized;
}

/** Budgets are integer cents from 0 to 1,000,000,000,000 (the contract's cap). */
export const MAX_BUDGET_CENTS = 1_000_000_000_000;

export function assertBudget(cents: number, field: string): void {
  if (!Number.isSafeInteger(cents) || cents < 0 || cents > MAX_BUDGET_CENTS) {
    throw new BadUserInputError(`${field} must be a whole number of cents from 0 to ${MAX_BUDGET_CENTS}.`, field);
  }
}
