import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A fenced code block of a guide that its test runs: `<!-- run: name -->` just before it. */
export interface DocExample {
  readonly name: string;
  readonly lang: "sh" | "js";
  readonly code: string;
  /** What its output must match: `<!-- expect: regex -->` just after it. */
  readonly expect: RegExp | null;
}

const BLOCK = /<!-- run: ([\w-]+) -->\n+```(sh|js)\n([\s\S]*?)\n```\n+(?:<!-- expect: (.+?) -->\n)?/g;

/** The runnable examples of a markdown text, in order. */
export function runnableExamples(markdown: string): DocExample[] {
  return [...markdown.matchAll(BLOCK)].map(([, name, lang, code, expect]) => ({
    name: name,
    lang: lang as DocExample["lang"],
    code: code,
    expect: expect === undefined ? null : new RegExp(expect),
  }));
}

/** What running an example printed. */
export interface ExampleRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs an example as a reader would: a shell block with bash (`-euo pipefail`), a JavaScript block
 * as an ES module with node, from `dir` (inside the repository, so its packages resolve).
 */
export function runExample(example: DocExample, dir: string, env: Record<string, string>, timeoutMs = 30_000) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${example.name}.${example.lang === "sh" ? "sh" : "mjs"}`);
  writeFileSync(file, example.code + "\n");
  const [command, args] = example.lang === "sh" ? ["bash", ["-euo", "pipefail", file]] : [process.execPath, [file]];
  return new Promise<ExampleRun>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
