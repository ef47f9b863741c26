import type { TFunction } from 'i18next';
import { LANGUAGE_TAGS, type Language } from '../modules/user/language';
import type { LetterContent } from './letter';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Line breaks inside a text (the sign-off) become <br> in HTML. */
const htmlLines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

/**
 * The plain-text and the simple HTML part of a letter, with its greeting,
 * sign-off and footer. Every value is escaped in the HTML part; the HTML has
 * inline styles only (mail clients drop style sheets) and no images.
 */
export function renderLetter(content: LetterContent, recipientName: string, language: Language, t: TFunction): RenderedMail {
  const greeting = t('common.greeting', { name: recipientName });
  const signOff = t('common.signOff');
  const footer = t('common.footer');
  const text = [
    greeting,
    ...content.paragraphs,
    ...(content.facts?.length ? [content.facts.map(([label, value]) => `${label}: ${value}`).join('\n')] : []),
    ...[...(content.action ? [content.action] : []), ...(content.links ?? [])].map((link) => `${link.label}: ${link.url}`),
    signOff,
    `-- \n${footer}`,
  ].join('\n\n');
  const facts = content.facts?.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${content.facts
        .map(
          ([label, value]) =>
            `<tr><td style="padding:2px 16px 2px 0;color:#555">${escapeHtml(label)}</td><td style="padding:2px 0;font-weight:bold">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const action = [...(content.action ? [content.action] : []), ...(content.links ?? [])]
    .map((link) => `<p style="margin:0 0 16px"><a href="${escapeHtml(link.url)}" style="color:#0b5394">${escapeHtml(link.label)}</a></p>`)
    .join('');
  const paragraph = (text: string) => `<p style="margin:0 0 16px">${htmlLines(text)}</p>`;
  const html = `<!doctype html>
<html lang="${LANGUAGE_TAGS[language]}">
<head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">
<div style="max-width:640px">
${[greeting, ...content.paragraphs].map(paragraph).join('\n')}
${facts}${action}${paragraph(signOff)}
<hr style="border:none;border-top:1px solid #ccc;margin:24px 0 12px">
<p style="margin:0;font-size:12px;color:#666">${escapeHtml(footer)}</p>
</div>
</body>
</html>
`;
  return { subject: content.subject, text: `${text}\n`, html };
}
