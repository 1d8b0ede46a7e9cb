import { useEffect, useState } from "react";

/** "checking" until the first answer, then whether `/readyz` said the API and database are up. */
export type Readiness = "checking" | "ready" | "unavailable";

/** Polls the API's `/readyz` every few seconds. */
export function useApiReadiness(intervalMs = 5000): Readiness {
  const [readiness, setReadiness] = useState<Readiness>("checking");
  useEffect(() => {
    let cancelled = false;
    const check = async () => {
      try {
        const response = await fetch("/readyz", { cache: "no-store" });
        if (!cancelled) setReadiness(response.ok ? "ready" : "unavailable");
      } catch {
        if (!cancelled) setReadiness("unavailable");
      }
    };
    void check();
    const timer = setInterval(() => void check(), intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return readiness;
}
