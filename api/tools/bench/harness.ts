import { readFileSync } from "node:fs";
import { startEmbeddedServer } from "../../src/db/embedded-server";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A progress line on stderr, so the JSON on stdout stays clean. */
export const progress = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 23)}] ${line}\n`);

/** A real SMTP peer that accepts and discards every mail (the app needs somewhere to send). */
export async function startSmtpSink(): Promise<{ url: string; received: () => number; stop(): Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("end", () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** POSTs one operation to the app's /graphql and returns its data, throwing on any error. */
export async function graphql<T>(
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
  const body = (await response.json()) as { data?: T | null; errors?: Array<{ message: string }> };
  if (body.errors !== undefined || body.data === undefined || body.data === null) {
    throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/** The admin every benchmark logs in as. */
export const BENCH_ADMIN = {
  email: "bench-admin@orderflow.bench",
  password: "harbor lantern quietly 19 bench",
} as const;

/** Something the benchmark started and must stop at the end. */
export interface Stoppable {
  readonly name: string;
  readonly stop: () => Promise<unknown>;
}

/**
 * The database the benchmark runs on: MONGODB_URI when set, else an in-memory embedded server
 * (pushed onto `stack` so the benchmark stops it).
 */
export async function benchDatabase(
  stack: Stoppable[],
): Promise<{ mongodbUri: string; database: string; serverPid?: number }> {
  const external = process.env["MONGODB_URI"]?.trim();
  if (external !== undefined && external !== "") {
    return { mongodbUri: external, database: `MONGODB_URI (${new URL(external).host})` };
  }
  progress("starting the embedded database (mongo-java-server, in memory)…");
  const embedded = await startEmbeddedServer({ progress });
  stack.push({ name: "embedded database", stop: () => embedded.stop() });
  return { mongodbUri: embedded.uri, database: "embedded mongo-java-server (in memory)", serverPid: embedded.pid };
}

/** CPU seconds the process has used so far (Linux /proc), or NaN when unknown. */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ, the unit of /proc's CPU times (100 on every usual build). */
const CLOCK_TICKS_PER_SEC = 100;

/** What every benchmark runs against, pushed onto `stack`: its database and an SMTP peer (counting the mails it got). */
export async function benchPeers(
  stack: Stoppable[],
): Promise<{ mongodbUri: string; database: string; serverPid?: number; smtpUrl: string; mailsSent: () => number }> {
  const database = await benchDatabase(stack);
  const smtp = await startSmtpSink();
  stack.push({ name: "SMTP peer", stop: () => smtp.stop() });
  return { ...database, smtpUrl: smtp.url, mailsSent: smtp.received };
}

/** Stops what `stack` holds, the last started first; a failure is reported, and the rest still stop. */
export async function stopStack(stack: Stoppable[]): Promise<void> {
  for (const { name, stop } of stack.reverse()) {
    await stop().catch((error: unknown) => progress(`stopping the ${name} failed: ${String(error)}`));
  }
  stack.length = 0;
}

/**
 * A benchmark's command line: reads its options (a bad one exits 2 with the message), runs it, and
 * exits 0 when it went well, 1 otherwise (a failure prints its stack).
 */
export function runBenchmark<O>(readOptions: () => O, run: (options: O) => Promise<boolean>): void {
  let options: O;
  try {
    options = readOptions();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  run(options).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(
        `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
