#!/usr/bin/env node
// npm run fuzz -- --runs N [--seed S] [--postgres-url URL]: the property suite of tests/property with N runs per
// field (CI runs a few), then a table of how many generated requests each database accepted and refused.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    seed: { type: 'string' },
    'postgres-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run fuzz -- [--runs N (100)] [--seed S (replays a failing run)] [--postgres-url URL (else TEST_POSTGRES_URL; SQLite only without either)]');
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a whole number of at least 1');
  process.exit(2);
}
// The documentation's test runs this command with CDP_HUB_DRY_RUN=1: options checked, nothing run (server/src/common/dry-run.ts).
if (process.env.CDP_HUB_DRY_RUN === '1') {
  console.log(`dry run: ${JSON.stringify({ fuzz: true, runs, seed: values.seed ?? null, postgresUrl: values['postgres-url'] ?? null })}`);
  process.exit(0);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-fuzz-')), 'tallies.json');
const env = { ...process.env, FUZZ_RUNS: String(runs), FUZZ_REPORT: report };
if (values.seed !== undefined) env.FUZZ_SEED = values.seed;
if (values['postgres-url']) env.TEST_POSTGRES_URL = values['postgres-url'];

const started = Date.now();
const jest = spawnSync('npx', ['jest', 'tests/property', '--runInBand'], { stdio: 'inherit', env });
const seconds = ((Date.now() - started) / 1000).toFixed(0);

if (fs.existsSync(report)) {
  const tallies = JSON.parse(fs.readFileSync(report, 'utf8'));
  const byDatabase = {};
  for (const [key, { accepted, refused }] of Object.entries(tallies)) {
    const [database] = key.split(' ');
    const row = (byDatabase[database] ??= { fields: 0, requests: 0, accepted: 0, refused: 0, neverAccepted: 0 });
    row.fields++;
    row.requests += accepted + refused;
    row.accepted += accepted;
    row.refused += refused;
    if (accepted === 0) row.neverAccepted++;
  }
  console.log(`\n${runs} runs per field (plus the kept regressions), ${seconds} s on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
  console.table(byDatabase);
}
process.exit(jest.status ?? 1);
