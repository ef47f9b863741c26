/**
 * Where e-mail goes (MAIL_URL, MAIL_FROM, MAIL): an SMTP server, the
 * development mailbox (no MAIL_URL outside production), or nowhere (MAIL=off).
 */
export type MailSettings =
  | { mode: 'smtp'; url: string; from: string }
  | { mode: 'mailbox'; from: string }
  | { mode: 'off'; from: string };

export const DEFAULT_MAIL_FROM = 'CDP Hub <no-reply@localhost>';

/** MAIL_URL with its password hidden, for the log. */
export function redactedMailUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
