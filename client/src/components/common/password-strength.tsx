import { useEffect, useState } from "react";
import type { PasswordVerdict } from "../../lib/password-strength";

const RULE = "8 to 128 characters and hard to guess: a few unrelated words work well.";
const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

/**
 * Judges a new password as the API will, while it is typed (the checker loads with the first
 * keystroke). Undefined until it has an answer.
 */
export function usePasswordVerdict(password: string, userInputs: readonly string[] = []): PasswordVerdict | undefined {
  // The verdict of the password it was computed for: a stale one is never shown.
  const [judged, setJudged] = useState<{ password: string; verdict: PasswordVerdict } | undefined>(undefined);
  const inputs = userInputs.join("\n");
  useEffect(() => {
    if (password === "") return;
    let current = true;
    void import("../../lib/password-strength").then(({ judgePassword }) => {
      if (current) setJudged({ password, verdict: judgePassword(password, inputs.split("\n").filter(Boolean)) });
    });
    return () => {
      current = false;
    };
  }, [password, inputs]);
  return judged?.password === password ? judged.verdict : undefined;
}

/** The password rule, and how the typed password measures up to it (read out as it changes). */
export function PasswordStrength({
  id,
  verdict,
  extra,
}: {
  id: string;
  verdict: PasswordVerdict | undefined;
  extra?: string;
}) {
  const tone = verdict === undefined ? "secondary" : verdict.ok ? "success" : verdict.score >= 2 ? "warning" : "danger";
  return (
    <div id={id} className="form-text" data-testid="password-strength">
      <div>
        {RULE}
        {extra ? ` ${extra}` : ""}
      </div>
      {verdict && (
        <div aria-live="polite">
          <span className={`badge text-bg-${tone} me-1`}>{LABELS[verdict.score]}</span>
          {verdict.feedback}
        </div>
      )}
    </div>
  );
}
