// Runs in: main process and the bridge (plain Node). A folder path the user typed in the UI:
// `~` and `~/…` mean their home folder, as in a shell; anything else must be a full path.
// Never resolved against the process's working folder, which is wherever the app or
// `clipfolio serve` happened to start, not a place the user chose.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ClipfolioError } from '../shared/errors';

export function typedPath(typed: string, home = homedir()): string {
  const path = typed.trim();
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return resolve(join(home, path.slice(2)));
  if (!isAbsolute(path)) {
    throw new ClipfolioError('INVALID_ARGUMENT', `Type the folder's full path (for example ${join(home, 'Pictures')}), not ${JSON.stringify(path)}.`);
  }
  return resolve(path);
}
