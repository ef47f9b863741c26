import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import type { Metrics } from './metrics';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * GET /metrics on the public port: only with `Authorization: Bearer
 * <METRICS_TOKEN>`, compared in constant time (of digests, so the token's
 * length does not show either). Anything else is 401.
 */
export function metricsRoute(metrics: Metrics, token: string) {
  const expected = digest(`Bearer ${token}`);
  return async (req: Request, res: Response): Promise<void> => {
    const given = req.headers.authorization;
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).json({
        errors: [{ message: 'The metrics need the metrics token (Authorization: Bearer <METRICS_TOKEN>).', extensions: { code: 'UNAUTHENTICATED', requestId: String(req.id) } }],
      });
      return;
    }
    await sendMetrics(metrics, res);
  };
}

async function sendMetrics(metrics: Metrics, res: http.ServerResponse): Promise<void> {
  const text = await metrics.text();
  res.statusCode = 200;
  res.setHeader('Content-Type', metrics.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

export interface MetricsListener {
  /** http://host:port/metrics */
  url: string;
  close(): Promise<void>;
}

/**
 * The metrics on a port of their own (METRICS_PORT), for a network that
 * only the scraper reaches: GET /metrics and nothing else, no token.
 */
export async function listenForMetrics(metrics: Metrics, port: number, host: string): Promise<MetricsListener> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Only GET /metrics is served on this port.\n');
      return;
    }
    sendMetrics(metrics, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actual}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper keeps its connection open between scrapes.
        server.closeIdleConnections();
      }),
  };
}
