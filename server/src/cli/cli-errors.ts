/** What a command ends with, by exit code: 1 it failed (or a check did not pass), 2 bad usage or configuration. */
export class CliFailure extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
  }
}

/** Bad usage or configuration: exit code 2. */
export class UsageError extends CliFailure {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** One line, whatever the error: an operator reads the message, a stack only with --verbose. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ').trim();
}
