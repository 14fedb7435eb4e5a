// Runs in: main process and the CLI (plain Node). Moving a photo's file to the system's
// trash, where the user can get it back, never deleting it. On Linux and the other
// freedesktop systems this is the Trash specification itself (version 1.0): the file goes
// to the home trash when it is on the home's file system, else to the trash at the top of
// its own (".Trash/$uid" when an admin made one, else ".Trash-$uid"), with a .trashinfo
// naming where it came from, so the file manager's "Restore" works, and so can Clipfolio's
// own Undo (restoreFromTrash). Elsewhere the platform's trash is used (`platformTrash`:
// Electron's shell.trashItem in the app; Finder or the Recycle Bin from the command line),
// which does not say where the file went: Undo then asks the user to put it back.
import { execFile } from 'node:child_process';
import { lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ClipfolioError, errorMessage } from '../shared/errors';

/** A file moved to the trash: where it was, and where it is now when that is known. */
export interface TrashedFile {
  path: string;
  /** The file inside a freedesktop trash; null when the platform's trash took it. */
  trashPath: string | null;
}

export interface TrashOptions {
  /** Where the user's own trash lives ($XDG_DATA_HOME/Trash); defaults from the environment. */
  homeTrash?: string;
  /** The platform's trash for systems without a freedesktop one. */
  platformTrash?: (path: string) => Promise<void>;
  platform?: NodeJS.Platform;
}

const run = promisify(execFile);

/** S_ISVTX, the sticky bit of a folder's mode (Node's fs.constants leaves it out). */
const STICKY_BIT = 0o1000;

/** The platform's trash from a plain Node process (the desktop app passes Electron's shell.trashItem instead). */
export async function commandLineTrash(path: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'darwin') {
    // Finder's delete: the file can be put back from the Trash with its original place.
    await run('osascript', ['-e', 'on run argv', '-e', 'tell application "Finder" to delete POSIX file (item 1 of argv)', '-e', 'end run', path]);
  } else if (platform === 'win32') {
    const script = 'Add-Type -AssemblyName Microsoft.VisualBasic; [Microsoft.VisualBasic.FileIO.FileSystem]::DeleteFile($args[0], "OnlyErrorDialogs", "SendToRecycleBin")';
    await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script, path]);
  } else {
    throw new ClipfolioError('INVALID_ARGUMENT', `this system (${platform}) has no trash Clipfolio knows`);
  }
}

function defaultHomeTrash(): string {
  const dataHome = process.env.XDG_DATA_HOME && resolve(process.env.XDG_DATA_HOME) === process.env.XDG_DATA_HOME ? process.env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'Trash');
}

/** Moves the file to the trash; throws (leaving it where it is) when it cannot. */
export async function moveToTrash(file: string, options: TrashOptions = {}): Promise<TrashedFile> {
  const path = resolve(file);
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin' || platform === 'win32') {
    await (options.platformTrash ?? ((p: string) => commandLineTrash(p, platform)))(path);
    return { path, trashPath: null };
  }
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new ClipfolioError('NOT_FOUND', `${path} cannot be moved to the trash: ${err.message}`);
  });
  const home = options.homeTrash ?? defaultHomeTrash();
  if (await sameDevice(home, info.dev)) return { path, trashPath: await moveInto(home, path, path) };
  const { trash, top } = await topDirTrash(path, info.dev);
  // In a top-folder trash the path is written relative to that top folder, so the disk keeps working mounted elsewhere.
  return { path, trashPath: await moveInto(trash, path, relative(top, path)) };
}

/** Puts a file the freedesktop trash holds back where it was; refuses to overwrite a file there now. */
export async function restoreFromTrash(trashed: TrashedFile): Promise<void> {
  if (!trashed.trashPath) throw new ClipfolioError('NOT_FOUND', `${basename(trashed.path)} is in the system's trash; put it back from there`);
  if (await exists(trashed.path)) throw new ClipfolioError('CONFLICT', `${trashed.path} exists again; the trashed copy stays in the trash`);
  await mkdir(dirname(trashed.path), { recursive: true });
  await rename(trashed.trashPath, trashed.path);
  const trash = dirname(dirname(trashed.trashPath));
  await rm(join(trash, 'info', `${basename(trashed.trashPath)}.trashinfo`), { force: true });
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Whether `dir` (or the nearest folder above it that exists) is on device `dev`. */
async function sameDevice(dir: string, dev: number): Promise<boolean> {
  for (let at = dir; ; at = dirname(at)) {
    const info = await stat(at).catch(() => null);
    if (info) return info.dev === dev;
    if (dirname(at) === at) return false;
  }
}

/** The top of the file system the file is on: the highest folder above it on the same device. */
async function mountTop(path: string, dev: number): Promise<string> {
  let top = dirname(path);
  while (dirname(top) !== top && (await stat(dirname(top))).dev === dev) top = dirname(top);
  return top;
}

/** The trash of the file system at the file's top folder, per the specification's two kinds. */
async function topDirTrash(path: string, dev: number): Promise<{ trash: string; top: string }> {
  const top = await mountTop(path, dev);
  const uid = process.getuid?.() ?? 0;
  const shared = join(top, '.Trash');
  const sharedInfo = await lstat(shared).catch(() => null);
  // An admin-made .Trash counts only as a real, sticky folder (not a link someone planted).
  const usable = sharedInfo?.isDirectory() === true && !sharedInfo.isSymbolicLink() && (sharedInfo.mode & STICKY_BIT) !== 0;
  return { trash: usable ? join(shared, String(uid)) : join(top, `.Trash-${uid}`), top };
}

function localTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * Reserves a name in the trash by creating its .trashinfo exclusively (two processes never
 * take one name), then moves the file in; the info goes again when the move fails.
 */
async function moveInto(trash: string, path: string, written: string): Promise<string> {
  const files = join(trash, 'files');
  const infos = join(trash, 'info');
  await mkdir(files, { recursive: true, mode: 0o700 });
  await mkdir(infos, { recursive: true, mode: 0o700 });
  const ext = extname(path);
  const stem = basename(path, ext);
  // The Path key is a URL path: each part percent-encoded, the slashes kept.
  const body = `[Trash Info]\nPath=${written.split('/').map(encodeURIComponent).join('/')}\nDeletionDate=${localTime(new Date())}\n`;
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? `${stem}${ext}` : `${stem}.${n}${ext}`;
    const info = join(infos, `${name}.trashinfo`);
    let handle;
    try {
      handle = await open(info, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new ClipfolioError('INTERNAL', `the trash at ${trash} cannot be written: ${errorMessage(err)}`);
    }
    try {
      await handle.writeFile(body);
    } finally {
      await handle.close();
    }
    const target = join(files, name);
    if (await exists(target)) {
      await rm(info, { force: true });
      continue;
    }
    try {
      await rename(path, target);
      return target;
    } catch (err) {
      await rm(info, { force: true });
      throw new ClipfolioError('INTERNAL', `${path} could not be moved to the trash: ${errorMessage(err)}`);
    }
  }
  throw new ClipfolioError('INTERNAL', `the trash at ${trash} has no free name for ${basename(path)}`);
}
