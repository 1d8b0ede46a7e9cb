import { createServer } from "node:net";
import { freePort } from "../lib/free-port";

/** A local SMTP server with a web inbox, for development without SMTP_URL. */
export interface MailCatcher {
  readonly smtpUrl: string;
  readonly inboxUrl: string;
  stop(): Promise<void>;
}

/** MailDev's usual ports: the inbox stays at a familiar address while nothing else holds them. */
export const PREFERRED_MAIL_PORTS = { smtp: 1025, web: 1080 } as const;

/**
 * Starts MailDev on 127.0.0.1 (SMTP and web inbox), on the preferred ports when they are free and
 * on free ones otherwise, so several development servers (another checkout, `npm test` beside
 * `npm start`) each get their own. MailDev is a development dependency: where it is not installed,
 * this explains how to configure SMTP_URL instead.
 */
export async function startMailCatcher(
  preferred: { smtp: number; web: number } = PREFERRED_MAIL_PORTS,
): Promise<MailCatcher> {
  let maildev: typeof import("maildev");
  try {
    maildev = await import("maildev");
  } catch {
    throw new Error("MailDev is not installed (it is a development dependency): set SMTP_URL to an SMTP server.");
  }
  for (let attempt = 0; ; attempt++) {
    // The preferred ports first; if they are taken (or taken between the check and MailDev's
    // bind), free ones the OS picks.
    const smtp = attempt === 0 && (await isFree(preferred.smtp)) ? preferred.smtp : await freePort();
    const web = attempt === 0 && (await isFree(preferred.web)) ? preferred.web : await freePort();
    const server = new maildev.MailDev({ smtp, web, ip: "127.0.0.1", webIp: "127.0.0.1", silent: true });
    try {
      await server.start();
      return { smtpUrl: `smtp://127.0.0.1:${smtp}`, inboxUrl: `http://localhost:${web}`, stop: () => server.stop() };
    } catch (error) {
      await server.stop().catch(() => undefined);
      if (attempt >= 3) {
        throw new Error(
          `Could not start the local mail catcher (last tried ports ${smtp} for SMTP and ${web} for the inbox): ` +
            `${error instanceof Error ? error.message : String(error)}. Set SMTP_URL to an SMTP server instead.`,
        );
      }
    }
  }
}

/** Whether nothing listens on the port on 127.0.0.1 right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
