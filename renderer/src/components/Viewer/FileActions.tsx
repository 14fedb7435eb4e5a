// Runs in: the renderer. The viewer's actions on the photo's file: show it in the file
// manager and open it with the default app (shown in a browser too, saying they work in the
// desktop app), copy it to a folder, and move it to the trash (asked first; Undo brings it back).
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { isDesktopApp } from '../../lib/api';
import { DESKTOP_ONLY_HINT, exportPhotos, fileManagerName, moveToTrash, openWithDefaultApp, showInFolder } from '../../stores/file-actions';

export function FileActions({ photo }: { photo: PhotoInfo }) {
  const desktop = isDesktopApp();
  const onlyThere = desktop ? undefined : DESKTOP_ONLY_HINT;
  return (
    <div className="file-actions" role="group" aria-label="The photo's file">
      <button type="button" aria-disabled={!desktop} title={onlyThere} onClick={() => void showInFolder(photo.id)}>
        Show in {fileManagerName()}
      </button>
      <button type="button" aria-disabled={!desktop} title={onlyThere} onClick={() => void openWithDefaultApp(photo.id)}>
        Open with…
      </button>
      <button type="button" onClick={() => exportPhotos([photo.id])}>
        Copy to a folder…
      </button>
      <button type="button" className="danger" onClick={() => void moveToTrash([photo])}>
        Move to Trash…
      </button>
      {!desktop && <p className="hint">Showing and opening the file work in the desktop app.</p>}
    </div>
  );
}
