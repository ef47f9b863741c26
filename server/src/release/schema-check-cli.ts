import path from 'node:path';
import { parseArgs } from 'node:util';
import { runSchemaGate } from './gate';
import { REPOSITORY_ROOT } from './released-versions';
import { formatGateReport } from './report';

/**
 * `npm run schema:check`: the breaking-change gate over schema.graphql, the
 * last release's schema and the pending change files. Prints the report and
 * exits 1 on a violation. `--against <file>` compares with another schema
 * file instead of the last release; `--root <dir>` checks another checkout.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { root: { type: 'string' }, schema: { type: 'string' }, against: { type: 'string' } },
  });
  const root = path.resolve(values.root ?? REPOSITORY_ROOT);
  const verdict = await runSchemaGate({
    root,
    schemaFile: values.schema ? path.resolve(values.schema) : undefined,
    againstFile: values.against ? path.resolve(values.against) : undefined,
  });
  process.stdout.write(formatGateReport(verdict));
  process.exitCode = verdict.ok ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
