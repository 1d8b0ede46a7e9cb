import type { Logger } from "../logger";
import type { Mailer, MailMessage } from "./mailer";

/**
 * Sends mail in the background, so a request that mails (reset, resend) answers in the same time
 * whether or not a mail goes out, and a slow SMTP server never holds a request. Failures are
 * reported, not thrown.
 */
export class MailOutbox {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly onFailure: (message: MailMessage, error: unknown) => void = () => undefined,
  ) {}

  /** Queues a mail and returns at once. */
  enqueue(message: MailMessage): void {
    const sending = this.mailer
      .send(message)
      .catch((error: unknown) => {
        this.logger.error({ err: error, subject: message.subject }, "could not send a mail");
        this.onFailure(message, error);
      })
      .finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  /** Waits for every queued mail (used at shutdown), then closes the mailer. */
  async close(): Promise<void> {
    await Promise.all(this.pending);
    await this.mailer.close();
  }
}
