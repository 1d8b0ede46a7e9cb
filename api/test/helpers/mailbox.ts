import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A mail as the test reads it. */
export interface ReceivedMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A real SMTP server on a free port that keeps what it receives, for tests to read. */
export interface Mailbox {
  readonly smtpUrl: string;
  readonly received: readonly ReceivedMail[];
  /** The next mail to `to` not yet taken (waits up to `timeoutMs`). */
  next(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  /** Waits `ms` and returns the mails to `to` that arrived and were not taken. */
  drain(to: string, ms: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          for (const recipient of session.envelope.rcptTo) {
            received.push({
              to: recipient.address.toLowerCase(),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : "",
            });
          }
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.server.address() as AddressInfo;
  const untaken = (to: string) => received.filter((m) => m.to === to.toLowerCase() && !taken.has(m));

  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    received,
    next(to, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const mail = untaken(to)[0];
          if (mail === undefined) return;
          taken.add(mail);
          finish();
          resolve(mail);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async drain(to, ms) {
      await new Promise((r) => setTimeout(r, ms));
      const mails = untaken(to);
      for (const m of mails) taken.add(m);
      return mails;
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The token in a mail's link to `path` (e.g. "/verify-email"). */
export function tokenFromMail(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`${path.replace("/", "\\/")}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in the mail "${mail.subject}":\n${mail.text}`);
  return match[1];
}
