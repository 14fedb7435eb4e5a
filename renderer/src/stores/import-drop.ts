// Runs in: the renderer. Files and folders dropped from the OS. In the desktop app each
// becomes its path (the preload's pathForFile) and main imports them: a folder becomes a
// library folder, a photo from outside the library is copied into the import folder (see
// main/app/photo-import.ts for why). A browser never reveals paths, so there each file's
// bytes are uploaded to the bridge, which imports them the same way. The folders that took
// photos are then indexed; when the drop landed on an album or category, the imported photos
// go there too once they are indexed (a photo the library already had goes there as it is).
import type { ImportResult } from '../../../main/shared/api-contract';
import { api, pathForFile, uploadForImport } from '../lib/api';
import { formatCount } from '../lib/format';
import { indexingStore, startIndexing } from './indexing-store';
import { libraryStore, reloadPhotos } from './library-store';
import { notify, valueOrNotify } from './notices';

/** How often an import waiting for indexing asks main again, should an event go missing. */
const POLL_MS = 1000;
/** Paths per importPaths call: the contract's limit. */
const PATHS_PER_CALL = 1000;

function isUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') || folder.endsWith('\\') ? folder : `${folder}/`) || path.startsWith(`${folder}\\`);
}

/**
 * Resolves once no indexing run is going. Main's word is asked, not only the store's: a run
 * of a few photos can finish before the answer to its start arrives.
 */
async function indexingIdle(): Promise<void> {
  for (;;) {
    const status = await api.indexing.status();
    if (!status.ok || status.value.state === 'idle') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, POLL_MS);
      const unsubscribe = indexingStore.subscribe(() => {
        if (indexingStore.get()?.state === 'idle') done();
      });
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  }
}

/** A browser reads a file it was given; a dropped folder it cannot read at all. */
async function readable(file: File): Promise<boolean> {
  return file
    .slice(0, 1)
    .arrayBuffer()
    .then(
      () => true,
      () => false,
    );
}

function merge(total: ImportResult, more: ImportResult): void {
  for (const folder of more.folders) if (!total.folders.includes(folder)) total.folders.push(folder);
  total.paths.push(...more.paths);
  total.skipped.push(...more.skipped);
  total.existing.push(...more.existing);
}

/** Uploads one file at a time: a drop of hundreds of photos must not open hundreds of requests. */
async function uploadAll(files: File[]): Promise<ImportResult> {
  const total: ImportResult = { folders: [], paths: [], skipped: [], existing: [] };
  for (const file of files) {
    if (!(await readable(file))) {
      total.skipped.push({ name: file.name, reason: 'a browser cannot upload a folder; add it under Manage folders instead' });
      continue;
    }
    const result = await uploadForImport(file).catch((err: unknown) => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: String(err) } }));
    if (!result.ok) {
      total.skipped.push({ name: file.name, reason: result.error.message });
      continue;
    }
    merge(total, result.value);
  }
  return total;
}

async function importFiles(files: File[]): Promise<ImportResult> {
  const paths = files.map((file) => pathForFile(file)).filter((p): p is string => p !== null && p !== '');
  if (paths.length === 0) return uploadAll(files);
  const total: ImportResult = { folders: [], paths: [], skipped: [], existing: [] };
  for (let start = 0; start < paths.length; start += PATHS_PER_CALL) {
    const result = valueOrNotify(await api.library.importPaths(paths.slice(start, start + PATHS_PER_CALL)), 'import the dropped files');
    if (result) merge(total, result);
  }
  return total;
}

function skippedMessage(skipped: ImportResult['skipped']): string {
  const [first] = skipped;
  if (skipped.length === 1 && first) return `${first.name} was not imported: ${first.reason}.`;
  return `${formatCount(skipped.length, 'item')} not imported: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.`;
}

function existingMessage(existing: ImportResult['existing']): string {
  const [first] = existing;
  if (existing.length === 1 && first) return `${first.name} is already in the library, as ${first.path}; it was not copied again.`;
  return `${formatCount(existing.length, 'photo')} already in the library, not copied again: ${existing.map((e) => `${e.name} (${e.path})`).join('; ')}.`;
}

export async function importDroppedFiles(files: FileList, thenAdd?: (photoIds: string[]) => Promise<void>): Promise<void> {
  const dropped = [...files];
  if (dropped.length === 0) return;
  notify(`Importing ${dropped.length === 1 ? (dropped[0]?.name ?? '') : formatCount(dropped.length, 'item')}…`);
  const result = await importFiles(dropped);
  if (result.skipped.length > 0) notify(skippedMessage(result.skipped), 'error');
  if (result.existing.length > 0) notify(existingMessage(result.existing));
  if (result.paths.length === 0) return;
  // Photos already in the library need no indexing, only adding to where they were dropped.
  if (result.folders.length > 0) {
    // A start while a run is going only reports that run, which would not cover these folders.
    await indexingIdle();
    await startIndexing(result.folders);
  }
  if (!thenAdd) return;
  await indexingIdle();
  await reloadPhotos();
  const ids = libraryStore.get().photos.filter((p) => result.paths.some((path) => isUnder(p.path, path))).map((p) => p.id);
  if (ids.length > 0) await thenAdd(ids);
}
