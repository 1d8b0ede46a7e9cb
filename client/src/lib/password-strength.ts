import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/** The API's rule (api/src/modules/users/password.ts): its length limits and zxcvbn score. */
export const PASSWORD_RULE = { minLength: 8, maxLength: 128, minScore: 3 } as const;

/** What the API will say of a password, known before it is sent. */
export interface PasswordVerdict {
  /** zxcvbn's 0..4 guessability score. */
  readonly score: number;
  readonly ok: boolean;
  /** Why it is refused, and advice: empty when it is fine. */
  readonly feedback: string;
}

// The dictionaries are large: this module is loaded only by pages that ask for a new password.
const zxcvbn = new ZxcvbnFactory({
  translations: english.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary },
});

/** Judges a new password as the API does, with the user's own name and email counted as guessable. */
export function judgePassword(password: string, userInputs: readonly string[] = []): PasswordVerdict {
  const { minLength, maxLength, minScore } = PASSWORD_RULE;
  if (password.length < minLength || password.length > maxLength) {
    return { score: 0, ok: false, feedback: `Use ${minLength} to ${maxLength} characters.` };
  }
  const result = zxcvbn.check(password, [...userInputs]);
  const ok = result.score >= minScore;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return { score: result.score, ok, feedback: ok ? "" : `Too easy to guess. ${advice}`.trim() };
}
