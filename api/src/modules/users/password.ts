import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import argon2 from "argon2";
import { BadUserInputError } from "../../graphql/errors";

/** argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's 0..4 guessability score a password needs. */
const MIN_SCORE = 3;

const zxcvbn = new ZxcvbnFactory({
  translations: english.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary },
});

/**
 * Refuses a password that is too short, too long or easy to guess (common passwords, names,
 * keyboard walks, or the user's own name or email), with advice in the message.
 * @throws BadUserInputError naming `field`.
 */
export function assertStrongPassword(password: string, userInputs: readonly string[] = [], field = "password"): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(
      `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`,
      field,
    );
  }
  const result = zxcvbn.check(password, [...userInputs]);
  if (result.score < MIN_SCORE) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
    throw new BadUserInputError(
      `This password is too easy to guess.${advice ? ` ${advice}` : ""} A few unrelated words make a strong one.`,
      field,
    );
  }
}

/** The argon2id hash of a password (salted, parameters encoded in the hash). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** Whether `password` matches `hash`; false for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of a real password check for a login whose email is unknown, so that timing
 * does not tell which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("a password no account has, used to spend time evenly");
  await verifyPassword(await dummyHash, password);
  return false;
}
