import express from 'express';
import type { Database } from '../db/database';
import { isUuid } from '../graphql/relay/global-id';
import { DevMail } from './dev-mail.entity';

/** The path of the development mailbox's page (docs/operations.md, "E-mail"). */
export const DEV_MAILBOX_PATH = '/dev/mailbox';

/** How many messages the list shows, newest first. */
const LIST_LIMIT = 200;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Plain pages, no script anywhere: the message's own HTML is shown in a
 * sandboxed frame (srcdoc, no scripts, no same origin), and this policy
 * forbids scripts and outside requests on the pages themselves.
 */
const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

const STYLE =
  'body{font-family:system-ui,sans-serif;margin:24px;color:#1a1a1a}table{border-collapse:collapse;width:100%}' +
  'td,th{text-align:left;padding:6px 10px;border-bottom:1px solid #ddd;vertical-align:top}th{background:#f4f4f4}' +
  'pre{white-space:pre-wrap;background:#f7f7f7;padding:12px;border:1px solid #ddd}iframe{width:100%;height:480px;border:1px solid #ddd}';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

/**
 * The development mailbox (no MAIL_URL outside production): GET /dev/mailbox
 * lists what CDP Hub would have sent, newest first; /dev/mailbox/<id> shows
 * one message, its HTML and plain-text parts; /dev/mailbox/<id>.eml is the
 * message as sent. Never mounted in production.
 */
export function devMailboxRouter(database: Database): express.Router {
  const router = express.Router({ strict: false, caseSensitive: true });
  const reader = () => database.reader.manager;

  router.get(DEV_MAILBOX_PATH, async (_req, res, next) => {
    try {
      const mails = await reader().find(DevMail, {
        select: { uuid: true, recipient: true, subject: true, receivedAt: true },
        order: { receivedAt: 'DESC', uuid: 'ASC' },
        take: LIST_LIMIT,
      });
      const total = await reader().count(DevMail);
      const rows = mails
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.receivedAt.toISOString())}</td><td>${escapeHtml(m.recipient)}</td><td><a href="${DEV_MAILBOX_PATH}/${m.uuid}">${escapeHtml(m.subject)}</a></td></tr>`,
        )
        .join('');
      res
        .status(200)
        .set(HEADERS)
        .send(
          page(
            'CDP Hub development mailbox',
            `<h1>Development mailbox</h1><p>Mail CDP Hub would have sent: it keeps it here because MAIL_URL is not set (outside production). ${total} message${total === 1 ? '' : 's'}${total > LIST_LIMIT ? `, the latest ${LIST_LIMIT} shown` : ''}.</p>` +
              `<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`,
          ),
        );
    } catch (err) {
      next(err);
    }
  });

  router.get(`${DEV_MAILBOX_PATH}/:id`, async (req, res, next) => {
    try {
      const [id, raw] = req.params.id.endsWith('.eml') ? [req.params.id.slice(0, -4), true] : [req.params.id, false];
      const mail = isUuid(id) ? await reader().findOneBy(DevMail, { uuid: id }) : null;
      if (!mail) {
        res.status(404).set(HEADERS).send(page('Not found', `<p>No such message. <a href="${DEV_MAILBOX_PATH}">Back to the mailbox</a></p>`));
        return;
      }
      if (raw) {
        res.status(200).set({ ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).send(mail.raw);
        return;
      }
      const headers = mail.raw.slice(0, mail.raw.indexOf('\n\n'));
      res
        .status(200)
        .set(HEADERS)
        .send(
          page(
            mail.subject,
            `<p><a href="${DEV_MAILBOX_PATH}">Mailbox</a> · <a href="${DEV_MAILBOX_PATH}/${mail.uuid}.eml">Message source</a></p>` +
              `<h1>${escapeHtml(mail.subject)}</h1><pre>${escapeHtml(headers)}</pre>` +
              `<h2>HTML part</h2><iframe sandbox="" title="HTML part" srcdoc="${escapeHtml(mail.html)}"></iframe>` +
              `<h2>Plain-text part</h2><pre>${escapeHtml(mail.text)}</pre>`,
          ),
        );
    } catch (err) {
      next(err);
    }
  });
  return router;
}
