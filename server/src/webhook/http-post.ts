import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { LookupFunction } from 'node:net';
import type { PinnedHost } from './address-guard';

/** A receiver's answer other than 2xx (a redirect included: redirects are not followed). */
export class ReceiverStatusError extends Error {
  override name = 'ReceiverStatusError';
  constructor(readonly status: number) {
    super(status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`);
  }
}

/** The most of a receiver's answer that is read (and thrown away): a receiver cannot make the worker read without end. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs `body` to `url`, connecting to the pinned address whatever the host
 * name resolves to now (TLS still checks the certificate against the host
 * name, trusting `ca` too when given), within `timeoutMs` from start to the
 * end of the answer. Resolves
 * with the status on 2xx; rejects otherwise.
 */
export function postPinned(
  url: URL,
  pinned: PinnedHost,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  ca?: string,
): Promise<number> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    // Node asks for every address when it may try several (autoSelectFamily); there is one, the checked one.
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        signal,
        // No connection is kept: each delivery checks and pins the address afresh.
        agent: false,
        // An extra authority is trusted besides the system's, not instead of them.
        ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}),
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(status);
          else reject(new ReceiverStatusError(status));
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', reject);
      },
    );
    request.on('error', (err) => reject(signal.aborted ? new Error(`no answer within ${timeoutMs} ms`) : err));
    request.end(body);
  });
}
