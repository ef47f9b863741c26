/**
 * The metrics as configured by the environment, in the built server: off by
 * default; METRICS_PORT opens a second listener that serves them (and
 * closes on SIGTERM); METRICS_TOKEN serves them on the public port to the
 * bearer of that token only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitOf, MAIN, start, stop, waitForLog, type Running } from '../support/process';
import { families } from '../support/metrics-text';
import { TEST_NOW } from '../support/server';

const TOKEN = 'process-metrics-token-0123456789abcdef';

describe('metrics of the server process', () => {
  let dir: string;
  let running: Running | undefined;
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (npm run build)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-metrics-process-'));
  });
  afterEach(async () => {
    if (running) await stop(running);
    running = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const env = (extra: Record<string, string>) => ({
    DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    CDP_CLOCK: TEST_NOW,
    ...extra,
  });

  it('serves none by default', async () => {
    running = start(env({}));
    const ready = await waitForLog(running, (l) => typeof l.url === 'string');
    expect(ready.metricsUrl).toBeUndefined();
    expect(ready.metricsOnPublicPort).toBe(false);
    const res = await fetch(new URL('/metrics', ready.url), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect((await fetch(new URL('/readyz', ready.url))).status).toBe(200);
  });

  it('serves them on METRICS_PORT, and on the public port with METRICS_TOKEN; the listener closes on SIGTERM', async () => {
    running = start(env({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN }));
    const ready = await waitForLog(running, (l) => typeof l.url === 'string');
    expect(ready.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(ready.metricsUrl).port).not.toBe(new URL(ready.url).port);
    await fetch(ready.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ programmes { totalCount } }"}' });

    const own = await fetch(ready.metricsUrl);
    expect(own.status).toBe(200);
    const text = await own.text();
    expect(families(text).get('cdp_graphql_requests_total')).toBe('counter');
    expect(text).toMatch(/^cdp_graphql_requests_total\{operation="other",outcome="ok"\} 1$/m);
    expect((await fetch(new URL('/metrics', ready.url))).status).toBe(401);
    expect((await fetch(new URL('/metrics', ready.url), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);

    running.child.kill('SIGTERM');
    const { code } = await exitOf(running);
    expect(code).toBe(0);
    expect(running.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['metrics listener closed', 'database closed', 'stopped']));
    await expect(fetch(ready.metricsUrl)).rejects.toThrow();
  });
});
