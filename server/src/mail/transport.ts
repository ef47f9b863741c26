/** One e-mail, ready to go. */
export interface OutgoingMail {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** "<…@…>": stable across attempts, so a receiver can drop a copy (see messageIdOf). */
  messageId: string;
  /** The language of the text, e.g. "fr" (Content-Language). */
  language: string;
}

/** Where mail is handed over: an SMTP server, or the development mailbox. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}
