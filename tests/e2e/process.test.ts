import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { exitOf, MAIN, start, waitForLog } from '../support/process';
import { TEST_NOW } from '../support/server';

describe('the server process (npm start runs server/dist/main.js)', () => {
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (npm run build)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-process-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates and seeds an empty database, serves, logs JSON with request ids, and stops on SIGTERM', async () => {
    const running = start({ DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, PORT: '0', HOST: '127.0.0.1', CDP_CLOCK: TEST_NOW });
    const ready = await waitForLog(running, (l) => typeof l.url === 'string');
    expect(running.lines.some((l) => l.msg === 'empty database: seeding the programme history')).toBe(true);

    const health = await fetch(new URL('/healthz', ready.url));
    expect(await health.json()).toEqual({ status: 'ok' });

    // Outside production the playground is on by default (PLAYGROUND).
    expect(ready.playground).toBe(true);
    const playground = await fetch(ready.url, { headers: { accept: 'text/html' } });
    expect(playground.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await playground.text()).toContain('<title>CDP Hub playground</title>');

    const res = await fetch(ready.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-42' },
      body: JSON.stringify({ query: '{ cohort(label: "2023-2024") { associates { totalCount } } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('trace-me-42');
    expect(await res.json()).toEqual({ data: { cohort: { associates: { totalCount: 10 } } } });
    const requestLog = await waitForLog(running, (l) => l.req?.id === 'trace-me-42');
    expect(requestLog).toMatchObject({ level: 30, res: { statusCode: 200 } });

    running.child.kill('SIGTERM');
    const { code } = await exitOf(running);
    expect(code).toBe(0);
    expect(running.lines.some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('SIGTERM with a vanished log reader: exits within the grace period even when stdout is full', async () => {
    const running = start({ DATABASE_URL: `sqlite:${path.join(dir, 'stuck.sqlite')}`, PORT: '0', HOST: '127.0.0.1', CDP_CLOCK: TEST_NOW });
    const ready = await waitForLog(running, (l) => typeof l.url === 'string');
    // The reader stops reading, as a dead supervisor holding the pipe would: the pipe fills up (64 KiB) and stays full.
    running.child.stdout.removeAllListeners('data');
    running.child.stdout.pause();
    await Promise.all(
      Array.from({ length: 400 }, () =>
        fetch(ready.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((r) => r.text()),
      ),
    );
    const started = Date.now();
    running.child.kill('SIGTERM');
    const exited = await Promise.race([
      once(running.child, 'exit').then(([code]) => code as number),
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 12_000)),
    ]);
    if (exited === 'still running') running.child.kill('SIGKILL');
    expect(exited).toBe(0);
    // The grace period is 10 s; the log gets at most 1 s to drain.
    expect(Date.now() - started).toBeLessThan(10_000);
    running.child.stdout.destroy();
  });

  it('refuses a bad configuration with a clear message and exit code 2', async () => {
    const running = start({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    const { code, stderr: message } = await exitOf(running);
    expect(code).toBe(2);
    expect(message).toMatch(/Invalid configuration/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/DATABASE_URL:/);
  });
});
