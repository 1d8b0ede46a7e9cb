import nodemailer, { type Transporter } from "nodemailer";
import type { Mailer, MailMessage } from "./mailer";

/** Sends mail through an SMTP server (nodemailer), from one configured sender. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
