import type { ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** A child process that is stopped gracefully on request, and killed if this process exits first. */
export interface Supervised {
  /** Resolves once the process has exited (or failed to start). */
  readonly exited: Promise<void>;
  readonly hasExited: () => boolean;
  /** Sends `signal`, then SIGKILL after `graceMs`, and waits for the exit. Idempotent. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/**
 * Watches `child`: `stop()` ends it, and it never outlives this process's normal exit (it is
 * SIGKILLed then, with its whole process group when it was spawned `detached`: nginx's workers
 * outlive their master otherwise). A SIGKILL of this process itself leaves it running: nothing
 * can catch that.
 */
export function supervise(child: ChildProcess, options: { group?: boolean } = {}): Supervised {
  const exited = new Promise<void>((resolve) => {
    child.once("close", () => resolve());
    child.once("error", () => resolve());
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
  const killOnExit = () => {
    if (hasExited()) return;
    if (options.group === true && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
        return;
      } catch {
        // the group is gone already: kill the child alone
      }
    }
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  void exited.then(() => process.removeListener("exit", killOnExit));

  let stopping: Promise<void> | undefined;
  return {
    exited,
    hasExited,
    stop: (signal = "SIGTERM", graceMs = 10_000) =>
      (stopping ??= (async () => {
        if (hasExited()) return;
        child.kill(signal);
        const timer = setTimeout(() => {
          if (!hasExited()) child.kill("SIGKILL");
        }, graceMs);
        await exited;
        clearTimeout(timer);
      })()),
  };
}

/** The absolute path of an executable named `name` on PATH or in `extraDirs`, or undefined. */
export function findExecutable(name: string, extraDirs: readonly string[] = []): string | undefined {
  for (const dir of [...(process.env["PATH"] ?? "").split(delimiter), ...extraDirs]) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
