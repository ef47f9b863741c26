import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the gateway answers instead of forwarding, one entry per request, in order. */
export interface GatewayReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Sends the headers and part of the body, then drops the connection. */
  hangUp?: boolean;
}

export interface Gateway {
  url: string;
  /** Requests received, forwarded or not. */
  readonly hits: number;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of the live server that first answers with the
 * given replies (a throttling or failing gateway), then forwards every
 * request unchanged. Lets SDK tests meet 429/503 and non-GraphQL answers.
 */
export async function startGateway(targetUrl: string, replies: GatewayReply[]): Promise<Gateway> {
  const pending = [...replies];
  let hits = 0;
  const server = http.createServer(async (req, res) => {
    hits++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = pending.shift();
    if (reply?.hangUp) {
      res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': '1000', ...reply.headers });
      res.write('{"data": {"reg');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (reply) {
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
      return;
    }
    const forwarded = await fetch(targetUrl, {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json', accept: req.headers.accept ?? '*/*' },
      body: Buffer.concat(chunks),
    });
    res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await forwarded.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get hits() {
      return hits;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
