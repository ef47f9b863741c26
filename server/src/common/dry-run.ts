/**
 * The documentation's test runs every command the docs show. A benchmark or a
 * thousand-fold seed cannot run in full there, so with CDP_HUB_DRY_RUN=1 such
 * a command parses and checks its options, prints what it would do and exits
 * 0: a documented option that no longer exists still fails the test.
 */
export function exitIfDryRun(plan: Record<string, unknown>): void {
  if (process.env.CDP_HUB_DRY_RUN !== '1') return;
  process.stdout.write(`dry run: ${JSON.stringify(plan)}\n`);
  process.exit(0);
}
