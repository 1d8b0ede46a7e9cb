import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got. */
export interface ReceivedHook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The status it was answered with; 0 while left hanging. */
  readonly status: number;
}

/** A real HTTP receiver on 127.0.0.1 that records every request. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedHook[];
  /**
   * The status of each next answer, in turn (200 once they are used up); "hang" never answers
   * (until the receiver stops) and is recorded with status 0.
   */
  answers: Array<number | "hang">;
  /** Resolves once `count` requests matching `filter` have arrived. */
  waitFor(count: number, filter?: (hook: ReceivedHook) => boolean, timeoutMs?: number): Promise<ReceivedHook[]>;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const wakers = new Set<() => void>();
  const receiver: Partial<WebhookReceiver> & { answers: Array<number | "hang"> } = { answers: [] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = receiver.answers.shift() ?? 200;
      const status = answer === "hang" ? 0 : answer;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status });
      if (answer !== "hang") res.writeHead(answer).end();
      for (const wake of wakers) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    waitFor(count: number, filter: (hook: ReceivedHook) => boolean = () => true, timeoutMs = 15_000) {
      return new Promise<ReceivedHook[]>((resolve, reject) => {
        const check = () => {
          const matching = received.filter(filter);
          if (matching.length < count) return;
          done();
          resolve(matching);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`got ${received.filter(filter).length} of ${count} webhooks in ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          wakers.delete(check);
        };
        wakers.add(check);
        check();
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
