import { API_MAIN_JS } from "../paths";
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { supervise } from "./supervised";

/** The built entry point (`npm run build`): what `npm start` runs. */
export const MAIN_JS = API_MAIN_JS;

/** A running `node dist/main.js` and the JSON log lines it printed. */
export interface ApiProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first log message matching the pattern (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  /** SIGTERM (a graceful shutdown), SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** The most recent log messages kept in `lines` (a cluster runs for hours). */
const KEPT_LINES = 10_000;

/**
 * Starts the API as `npm start` would, with exactly the given environment (plus PATH and HOME).
 * `onLine` gets every line the process prints, as printed (JSON log lines), e.g. for a log file;
 * `nodeArgs` go to node before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export function spawnApi(
  env: Record<string, string>,
  options: { onLine?: (line: string) => void; nodeArgs?: readonly string[] } = {},
): ApiProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN_JS], {
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: a Ctrl-C in the terminal reaches the parent only, which stops it in order.
    detached: true,
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const onLine = (line: string) => {
    options.onLine?.(line);
    let message = line;
    try {
      message = (JSON.parse(line) as { msg?: string }).msg ?? line;
    } catch {
      // not JSON: stderr text
    }
    lines.push(message);
    if (lines.length > KEPT_LINES) lines.shift();
    for (const wake of waiters) wake();
  };
  createInterface({ input: child.stdout }).on("line", onLine);
  createInterface({ input: child.stderr }).on("line", onLine);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const supervised = supervise(child, { group: true });
  void exited.then(() => {
    for (const wake of waiters) wake();
  });

  return {
    child,
    lines,
    exited,
    stop: (graceMs = 15_000) => supervised.stop("SIGTERM", graceMs),
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((done, fail) => {
        const check = () => {
          for (const line of lines) {
            const match = pattern.exec(line);
            if (match) return finish(() => done(match));
          }
          if (supervised.hasExited())
            finish(() => fail(new Error(`process exited before printing ${pattern}:\n${lines.join("\n")}`)));
        };
        const timer = setTimeout(
          () => finish(() => fail(new Error(`timed out waiting for ${pattern}:\n${lines.join("\n")}`))),
          timeoutMs,
        );
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      });
    },
  };
}
