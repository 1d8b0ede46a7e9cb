/** A local SMTP server with a web inbox, for development without SMTP_URL. */
export interface MailCatcher {
  readonly smtpUrl: string;
  readonly inboxUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts MailDev on 127.0.0.1 (SMTP and web inbox). MailDev is a development dependency: where it
 * is not installed, this explains how to configure SMTP_URL instead.
 */
export async function startMailCatcher(smtpPort = 1025, webPort = 1080): Promise<MailCatcher> {
  let maildev: typeof import("maildev");
  try {
    maildev = await import("maildev");
  } catch {
    throw new Error("MailDev is not installed (it is a development dependency): set SMTP_URL to an SMTP server.");
  }
  const server = new maildev.MailDev({
    smtp: smtpPort,
    web: webPort,
    ip: "127.0.0.1",
    webIp: "127.0.0.1",
    silent: true,
  });
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the local mail catcher on ports ${smtpPort} (SMTP) and ${webPort} (web): ` +
        `${error instanceof Error ? error.message : String(error)}. Set SMTP_URL to an SMTP server instead.`,
    );
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://localhost:${webPort}`,
    stop: () => server.stop(),
  };
}
