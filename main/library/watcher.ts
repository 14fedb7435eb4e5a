// Runs in: main process (plain Node). Watches library folders while the app (or
// `clipfolio watch`) runs and turns bursts of file events into one incremental pass over
// the folders they touched. Node's own fs.watch({recursive: true}) is used: it covers Linux
// since Node 20 and uses the native recursive APIs on macOS and Windows, so no watcher
// dependency is needed. Events carry no reliable kind (a move is a rename here and a create
// there), so the pass itself finds out what changed, deleted or moved.
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { errorMessage } from '../shared/errors';
import { isWithin } from './catalog';

export interface FolderWatcherOptions {
  /** Quiet time after the last event before a pass starts (default 750 ms). */
  debounceMs?: number;
  /** Paths whose events are ignored, such as the library's own folder. */
  ignore?: readonly string[];
  /** Runs one pass over the folders that changed; passes never overlap. */
  onChange: (folders: string[]) => Promise<void>;
  /** A pass that failed or a watch that broke; watching goes on. */
  onError?: (message: string) => void;
}

/** The nearest folder at or above `path` that still exists, not above `root`. */
async function existingFolder(path: string, root: string): Promise<string> {
  for (let dir = path; isWithin(root, dir); dir = dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (info?.isDirectory()) return dir;
    if (dir === root) break;
  }
  return root;
}

/** Drops folders that lie inside another one of the list; a pass covers subfolders anyway. */
function outermost(folders: Iterable<string>): string[] {
  const list = [...new Set(folders)].sort((a, b) => a.length - b.length);
  return list.filter((folder, i) => !list.slice(0, i).some((outer) => isWithin(outer, folder)));
}

export class FolderWatcher {
  readonly #watchers: FSWatcher[] = [];
  readonly #options: FolderWatcherOptions;
  readonly #changed = new Map<string, string>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #closed = false;

  /** Starts watching `roots` (each recursively). */
  constructor(roots: readonly string[], options: FolderWatcherOptions) {
    this.#options = options;
    const ignore = (options.ignore ?? []).map((p) => resolve(p));
    for (const root of roots.map((r) => resolve(r))) {
      const watcher = watch(root, { recursive: true }, (_event, name) => {
        // Without a name the change is somewhere under the root.
        const path = name === null ? root : join(root, name.toString());
        if (ignore.some((folder) => isWithin(folder, path))) return;
        this.#changed.set(path, root);
        this.#schedule();
      });
      watcher.on('error', (err) => options.onError?.(`watching ${root} failed: ${errorMessage(err)}`));
      this.#watchers.push(watcher);
    }
  }

  /** Resolves when no pass is running or waiting. */
  async idle(): Promise<void> {
    while (this.#running || this.#timer) {
      if (this.#running) await this.#running;
      else await new Promise((wake) => setTimeout(wake, this.#options.debounceMs ?? 750));
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const watcher of this.#watchers) watcher.close();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // A pass already running picks these events up when it ends.
      if (!this.#running) this.#running = this.#drain().finally(() => (this.#running = null));
    }, this.#options.debounceMs ?? 750);
  }

  async #drain(): Promise<void> {
    while (this.#changed.size > 0 && !this.#closed) {
      const changed = [...this.#changed];
      this.#changed.clear();
      // A changed file means its folder; a deleted folder means the nearest one left.
      const folders = await Promise.all(changed.map(([path, root]) => existingFolder(dirname(path), root)));
      try {
        await this.#options.onChange(outermost(folders));
      } catch (err) {
        this.#options.onError?.(`indexing after a change failed: ${errorMessage(err)}`);
      }
    }
  }
}
