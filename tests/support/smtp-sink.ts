/**
 * A real SMTP server for the mail tests (smtp-server), started inside the
 * test process on a random port, with what arrives parsed by mailparser.
 * It requires the credentials of its URL (AUTH PLAIN/LOGIN over the plain
 * connection), and can refuse messages or answer slowly on demand.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  /** The envelope recipient (RCPT TO). */
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The Content-Language header, e.g. "fr". */
  language: string | undefined;
  receivedAt: number;
}

export interface SmtpSink {
  /** smtp://user:password@127.0.0.1:<port> */
  url: string;
  /** Every accepted message, copies included, in arrival order. */
  received: ReceivedMail[];
  /** Messages refused so far. */
  refusals: number;
  /** Refuses the next `count` messages with this SMTP reply code (4xx: try later; 5xx: for good). */
  refuseNext(count: number, code?: number): void;
  /** Refuses every message until called with null. */
  refuseAll(code: number | null): void;
  /** Holds each message this long before accepting it. */
  setDelay(ms: number): void;
  /** The accepted messages to this address. */
  to(address: string): ReceivedMail[];
  /** Waits until `predicate` holds over the accepted messages; fails after `ms`. */
  waitFor(predicate: (received: ReceivedMail[]) => boolean, ms?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

const USER = 'cdp-hub';
const PASSWORD = 'sink pass:word';

const firstAddress = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.value[0]?.address ?? '';

export async function startSmtpSink(): Promise<SmtpSink> {
  let refuse = 0;
  let refuseCode = 451;
  let refuseEverything: number | null = null;
  let delay = 0;
  const sink = { received: [] as ReceivedMail[], refusals: 0 };

  const server = new SMTPServer({
    logger: false,
    // Plain connection on the loopback: no STARTTLS, but AUTH is required and allowed without TLS.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    size: 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
          const code = refuseEverything ?? (refuse > 0 ? (refuse--, refuseCode) : null);
          if (code) {
            sink.refusals++;
            const err = new Error(`${code === 550 ? 'Mailbox unavailable' : 'Try again later'} for ${session.envelope.rcptTo[0]?.address}`) as Error & {
              responseCode: number;
            };
            err.responseCode = code;
            callback(err);
            return;
          }
          sink.received.push({
            messageId: parsed.messageId ?? '',
            to: session.envelope.rcptTo[0]?.address ?? firstAddress(parsed.to),
            from: firstAddress(parsed.from),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            language: parsed.headers.get('content-language') as string | undefined,
            receivedAt: Date.now(),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  // A client that dies mid-conversation (kill -9 of the server process) resets its connection: not the sink's failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`,
    get received() {
      return sink.received;
    },
    get refusals() {
      return sink.refusals;
    },
    refuseNext(count, code = 451) {
      refuse = count;
      refuseCode = code;
    },
    refuseAll(code) {
      refuseEverything = code;
    },
    setDelay(ms) {
      delay = ms;
    },
    to: (address) => sink.received.filter((m) => m.to === address.toLowerCase()),
    async waitFor(predicate, ms = 15_000, what = 'the expected mail') {
      const deadline = Date.now() + ms;
      while (!predicate(sink.received)) {
        if (Date.now() > deadline) {
          throw new Error(`${what} did not arrive within ${ms} ms; received: ${JSON.stringify(sink.received.map((m) => [m.to, m.subject]))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
