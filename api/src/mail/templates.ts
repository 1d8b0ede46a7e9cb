import type { MailMessage } from "./mailer";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function actionMail(
  to: string,
  subject: string,
  name: string,
  lead: string,
  action: string,
  link: string,
  note: string,
): MailMessage {
  return {
    to,
    subject,
    text: `Hello ${name},\n\n${lead}\n\n${action}: ${link}\n\n${note}\n\n— OrderFlow\n`,
    html: `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">
<p>Hello ${escapeHtml(name)},</p>
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 10px 16px; background: #0d6efd; color: #fff; border-radius: 6px; text-decoration: none">${escapeHtml(action)}</a></p>
<p style="color: #6c757d; font-size: 90%">${escapeHtml(note)}<br>If the button does not work, open this link: ${escapeHtml(link)}</p>
<p>— OrderFlow</p>
</body></html>`,
  };
}

/** The mail with the email verification link (valid 24 h). */
export function verificationMail(to: string, name: string, link: string): MailMessage {
  return actionMail(
    to,
    "Confirm your email address for OrderFlow",
    name,
    "Thanks for registering with OrderFlow. Please confirm that this is your email address.",
    "Confirm my email address",
    link,
    "The link works once and expires in 24 hours. If you did not register, ignore this mail.",
  );
}

/** The mail with the password reset link (valid 1 h). */
export function passwordResetMail(to: string, name: string, link: string): MailMessage {
  return actionMail(
    to,
    "Reset your OrderFlow password",
    name,
    "Someone (hopefully you) asked to reset the password of your OrderFlow account.",
    "Choose a new password",
    link,
    "The link works once and expires in 1 hour. If you did not ask for this, ignore this mail: your password stays as it is.",
  );
}
