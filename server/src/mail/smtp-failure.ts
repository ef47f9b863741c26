import type { DeliveryFailure } from '../outbox/channel';

/** Anything that looks like an e-mail address: SMTP replies often quote the recipient's. */
const ADDRESS = /<?[^\s<>@"]+@[^\s<>@"]+>?/g;
const MAX_LENGTH = 500;

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * What an SMTP failure was, without personal data (addresses read
 * "[address]"), and whether it is for good: a 5xx reply refuses this
 * message permanently (RFC 5321), except a refused sign-in, which is the
 * server's configuration and may be put right. Anything else (4xx, a lost
 * connection, a timeout) is tried again.
 */
export function describeSmtpFailure(err: unknown): DeliveryFailure {
  const e = (err ?? {}) as SmtpError;
  // The server's reply starts with its code ("451 Try again later"); other failures say what went wrong in words.
  const said = e.response ? `SMTP ${e.response}` : `${e.responseCode ? `SMTP ${e.responseCode}` : (e.code ?? 'ERROR')}: ${e.message ?? String(err)}`;
  const description = said.replace(ADDRESS, '[address]').replace(/\s+/g, ' ').trim().slice(0, MAX_LENGTH);
  const permanent = e.responseCode != null && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
  return { description, permanent };
}
