// Runs in: main process and the bridge (plain Node). The app's log file, so a user can send
// us what happened: one line per entry, appended, errors with their stack. The previous
// file is kept as <name>.1 once it grows past a few megabytes, so the log never fills a disk.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { inspect } from 'node:util';

const ROTATE_BYTES = 5 * 1024 * 1024;

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  readonly file: string;
  log(level: LogLevel, message: string, detail?: unknown): void;
  close(): Promise<void>;
}

export async function openLogFile(file: string, options: { echo?: boolean } = {}): Promise<Logger> {
  await mkdir(dirname(file), { recursive: true });
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size > ROTATE_BYTES) await rename(file, `${file}.1`);
  const stream: WriteStream = createWriteStream(file, { flags: 'a' });
  return {
    file,
    log(level, message, detail) {
      const extra = detail === undefined ? '' : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : inspect(detail, { depth: 4 })}`;
      const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${extra}\n`;
      stream.write(line);
      if (options.echo && level !== 'info') process.stderr.write(line);
    },
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}
