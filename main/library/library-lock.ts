// Runs in: main process and the CLI (plain Node). One process holds a library at a time (the
// app, or a CLI command when no app runs), as Lightroom's .lrcat.lock and digiKam do: only
// the holder writes its catalog, vectors and thumbnails; others hand it their commands
// (cli/library-handoff.ts).
//
// The lock is an operating-system lock, not a file's existence: the holder keeps an
// exclusive transaction open on library.lock (a small SQLite file; node:sqlite is the one
// file-lock API Node has). The OS releases it when the holder exits, crashes or is killed,
// so a lock is taken over safely the moment its process is gone and never by guessing from
// a pid. Who holds it (pid, what, where to reach it) is in library.holder.json, written once
// the lock is held; readers treat it as a hint and the lock as the truth.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ClipfolioError } from '../shared/errors';
import { writeFileAtomic } from './durable-file';

export const LOCK_FILE = 'library.lock';
export const HOLDER_FILE = 'library.holder.json';
export const TOKEN_FILE = 'library.token';

export interface HolderInfo {
  pid: number;
  host: string;
  /** What holds it, in the user's words: "the Clipfolio app", "clipfolio watch". */
  holder: string;
  startedAt: string;
  /** The holder's local socket or named pipe for commands; null while it takes none. */
  socket: string | null;
}

export class LibraryLock {
  readonly dir: string;
  /** Authenticates commands handed over the socket: only the user can read the token file. */
  readonly token: string;
  readonly #db: DatabaseSync;
  #info: HolderInfo;

  private constructor(dir: string, db: DatabaseSync, info: HolderInfo, token: string) {
    this.dir = dir;
    this.#db = db;
    this.#info = info;
    this.token = token;
  }

  /** Takes the library's lock, or returns null when another process holds it. */
  static async tryAcquire(dir: string, holder: string): Promise<LibraryLock | null> {
    await mkdir(dir, { recursive: true });
    const db = new DatabaseSync(join(dir, LOCK_FILE), { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      db.close();
      if (/locked|busy/i.test((err as Error).message)) return null;
      throw new ClipfolioError('INTERNAL', `could not lock the library ${dir}: ${(err as Error).message}`, { cause: err });
    }
    const token = randomBytes(32).toString('hex');
    const info: HolderInfo = { pid: process.pid, host: hostname(), holder, startedAt: new Date().toISOString(), socket: null };
    const lock = new LibraryLock(dir, db, info, token);
    try {
      await writeFileAtomic(join(dir, TOKEN_FILE), token, { mode: 0o600 });
      await lock.#writeInfo();
    } catch (err) {
      lock.release();
      throw err;
    }
    return lock;
  }

  /** Who holds the library, as its holder wrote it; null when that cannot be read. */
  static async holderOf(dir: string): Promise<HolderInfo | null> {
    try {
      return JSON.parse(await readFile(join(dir, HOLDER_FILE), 'utf8')) as HolderInfo;
    } catch {
      return null;
    }
  }

  /** The token a command handed to the holder of `dir` must carry. */
  static async tokenOf(dir: string): Promise<string> {
    return (await readFile(join(dir, TOKEN_FILE), 'utf8')).trim();
  }

  get info(): Readonly<HolderInfo> {
    return this.#info;
  }

  /** Says where the holder takes commands. */
  async setSocket(socket: string | null): Promise<void> {
    this.#info = { ...this.#info, socket };
    await this.#writeInfo();
  }

  release(): void {
    if (!this.#db.isOpen) return;
    this.#db.exec('ROLLBACK');
    this.#db.close();
  }

  async #writeInfo(): Promise<void> {
    await writeFileAtomic(join(this.dir, HOLDER_FILE), JSON.stringify(this.#info));
  }
}
