import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { API_ROOT, REPO_ROOT } from "../paths";

/** Folder with the Maven pom and the Java launcher of the embedded server. */
const SOURCE_DIR = join(API_ROOT, "embedded-db");
/** The git-ignored cache of jars and compiled launcher: `<project root>/.orderflow/cache/embedded-db`. */
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, ".orderflow", "cache", "embedded-db");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** Receives progress lines for people ("fetching jars…"); defaults to stderr. */
export type Progress = (line: string) => void;
const toStderr: Progress = (line) => process.stderr.write(`${line}\n`);

/** Thrown when Java or Maven is missing or the server cannot be fetched or started. */
export class EmbeddedServerError extends Error {
  override name = "EmbeddedServerError";
}

/** A running embedded server. */
export interface EmbeddedServer {
  /** `mongodb://127.0.0.1:PORT` */
  readonly uri: string;
  readonly port: number;
  /** The server's process id (the Java process), e.g. to kill it in a crash test. */
  readonly pid: number;
  /** Stops the server (flushing its file, if any) and waits for the process to end. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The cache that holds the server's jars and compiled launcher. @default DEFAULT_CACHE_DIR */
  readonly cacheDir?: string;
  /** H2 MVStore file that keeps the data across restarts; in memory when absent. */
  readonly file?: string;
  /** @default "127.0.0.1" */
  readonly host?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  readonly progress?: Progress;
}

/**
 * Makes sure the cache holds mongo-java-server's jars (fetched by Maven from the pom beside the
 * launcher) and the compiled launcher, fetching and compiling them on first use. Later calls cost
 * one file read. Safe to run from several processes: each builds in its own folder, then renames.
 * @returns the Java class path of the server.
 */
export function prepareEmbeddedServer(cacheDir: string = DEFAULT_CACHE_DIR, progress: Progress = toStderr): string {
  const pom = join(SOURCE_DIR, "pom.xml");
  const launcher = join(SOURCE_DIR, "Launcher.java");
  const fingerprint = createHash("sha256")
    .update(readFileSync(pom))
    .update(readFileSync(launcher))
    .digest("hex")
    .slice(0, 16);
  const target = join(cacheDir, fingerprint);
  const classPath = [join(target, "classes"), join(target, "lib", "*")].join(delimiter);
  if (existsSync(join(target, "READY"))) return classPath;

  requireTool("java", ["-version"]);
  requireTool("javac", ["-version"]);
  requireTool("mvn", ["-v"]);
  progress(
    "Preparing the embedded MongoDB-compatible server (mongo-java-server, fetched by Maven; about a minute the first time)…",
  );
  const work = `${target}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run("mvn", ["-q", "-B", "-f", pom, "dependency:copy-dependencies", `-DoutputDirectory=${join(work, "lib")}`]);
  progress("Compiling the embedded server's launcher…");
  run("javac", ["-d", join(work, "classes"), "-cp", join(work, "lib", "*"), launcher]);
  writeFileSync(join(work, "READY"), `${new Date().toISOString()}\n`);
  try {
    renameSync(work, target);
  } catch (error) {
    // Another process finished first: its copy is as good as ours.
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(join(target, "READY"))) throw error;
  }
  progress(`Embedded server ready in ${target}`);
  return classPath;
}

/**
 * Starts mongo-java-server as a child process and resolves once it accepts connections. The child
 * watches its standard input and exits when it closes, so it never outlives this process.
 */
export async function startEmbeddedServer(options: StartOptions): Promise<EmbeddedServer> {
  const progress = options.progress ?? toStderr;
  const classPath = prepareEmbeddedServer(options.cacheDir, progress);
  const args = ["-XX:+UseSerialGC", "-cp", classPath, "Launcher", "--host", options.host ?? "127.0.0.1"];
  args.push("--port", String(options.port ?? 0));
  if (options.file !== undefined) {
    mkdirSync(resolve(options.file, ".."), { recursive: true });
    args.push("--file", options.file);
  }
  // Its own process group: a Ctrl-C in the terminal reaches only us, and we stop it in order.
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  // Once the process has died (killed, crashed), closing its input fails with EPIPE: harmless.
  child.stdin.on("error", () => undefined);
  const stderr: string[] = [];
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));

  const address = await new Promise<{ host: string; port: number }>((done, fail) => {
    const timer = setTimeout(
      () => fail(new EmbeddedServerError("the embedded server did not start within 60 s")),
      READY_TIMEOUT_MS,
    );
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const match = /^LISTENING (.+):(\d+)$/.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      lines.close();
      done({ host: match[1], port: Number(match[2]) });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new EmbeddedServerError(`the embedded server exited with code ${code}: ${stderr.join("").trim()}`));
    });
  }).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });

  // Defined once the process has printed its address (undefined only when spawning failed).
  const pid = child.pid;
  if (pid === undefined) throw new EmbeddedServerError("the embedded server has no process id");
  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://${address.host}:${address.port}`,
    port: address.port,
    pid,
    stop() {
      stopping ??= (async () => {
        child.stdin.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

function requireTool(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "ignore" });
  if (result.error !== undefined || result.status !== 0) {
    throw new EmbeddedServerError(
      `The embedded database needs \`${command}\` (Java 17+ and Maven) on PATH, and it was not found. ` +
        "Install them (Debian: apt-get install openjdk-17-jdk-headless maven), " +
        "or set MONGODB_URI to any MongoDB server instead.",
    );
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error !== undefined || result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
    throw new EmbeddedServerError(
      `\`${command} ${args.join(" ")}\` failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}\n` +
        "Set MONGODB_URI to any MongoDB server to run without the embedded database.",
    );
  }
}
