import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

/** The built entry point (`npm run build`); the process tests run what `npm start` runs. */
export const MAIN_JS = resolve(__dirname, "..", "..", "dist", "main.js");

/** A running `node dist/main.js` and the JSON log lines it printed. */
export interface ApiProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first log message matching the pattern (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
}

/** Starts the API as `npm start` would, with exactly the given environment (plus PATH and HOME). */
export function spawnApi(env: Record<string, string>): ApiProcess {
  const child = spawn(process.execPath, [MAIN_JS], {
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const onLine = (line: string) => {
    let message = line;
    try {
      message = (JSON.parse(line) as { msg?: string }).msg ?? line;
    } catch {
      // not JSON: stderr text
    }
    lines.push(message);
    for (const wake of waiters) wake();
  };
  createInterface({ input: child.stdout }).on("line", onLine);
  createInterface({ input: child.stderr }).on("line", onLine);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const wake of waiters) wake();
  });

  return {
    child,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((done, fail) => {
        const check = () => {
          for (const line of lines) {
            const match = pattern.exec(line);
            if (match) return finish(() => done(match));
          }
          if (hasExited)
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

/** POSTs an operation to a running API at `url` and returns its data, failing on errors. */
export async function mustAt<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown[] };
  if (body.errors !== undefined || !body.data) throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
