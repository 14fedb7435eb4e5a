// Runs in: the renderer. Files and folders dropped from the OS. The desktop app turns each
// into its path (the preload's pathForFile), adds it as a library folder and indexes it;
// when the drop landed on an album or category, the imported photos then go there too. A
// browser never reveals a dropped file's path and the bridge takes no uploads, so there the
// user is told plainly that dropping to import needs the desktop app.
import { pathForFile } from '../lib/api';
import { indexingStore, startIndexing } from './indexing-store';
import { addFolder, libraryStore, reloadPhotos } from './library-store';
import { notify } from './notices';

export const BROWSER_DROP_MESSAGE =
  'Importing by dropping files needs the desktop app: a browser does not tell Clipfolio where a dropped file lives. Add the folder under Manage folders instead.';

function isUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') || folder.endsWith('\\') ? folder : `${folder}/`) || path.startsWith(`${folder}\\`);
}

/** Resolves when the current indexing run has finished. */
function indexingFinished(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (indexingStore.get()?.state === 'idle') {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = indexingStore.subscribe(check);
    check();
  });
}

export async function importDroppedFiles(files: FileList, thenAdd?: (photoIds: string[]) => Promise<void>): Promise<void> {
  const paths = [...files].map((file) => pathForFile(file)).filter((p): p is string => p !== null && p !== '');
  if (paths.length === 0) {
    notify(BROWSER_DROP_MESSAGE, 'error');
    return;
  }
  const added: string[] = [];
  for (const path of paths) if (await addFolder(path)) added.push(path);
  if (added.length === 0) return;
  notify(`Importing ${added.length === 1 ? added[0] : `${added.length} folders`}…`);
  await startIndexing(added);
  if (!thenAdd) return;
  await indexingFinished();
  await reloadPhotos();
  const ids = libraryStore.get().photos.filter((p) => added.some((folder) => isUnder(p.path, folder))).map((p) => p.id);
  if (ids.length > 0) await thenAdd(ids);
}
