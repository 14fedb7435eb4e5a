// Runs in: the CLI process. How commands talk to the terminal: --json documents go to
// stdout as one JSON value, human text to stdout, errors and progress to stderr.
import { ClipfolioError, errorMessage } from '../shared/errors';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function reportError(io: CliIo, err: unknown): number {
  if (err instanceof UsageError) {
    io.stderr.write(`clipfolio: ${err.message}\n`);
    return 2;
  }
  const code = err instanceof ClipfolioError ? ` [${err.code}]` : '';
  io.stderr.write(`clipfolio: ${errorMessage(err)}${code}\n`);
  return 1;
}
