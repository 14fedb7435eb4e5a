// Runs in: the renderer. The library's folders: the list, remove, and add. The desktop app
// adds with the OS's folder dialog (main opens it, so the page never browses the disk
// itself); a browser has no such dialog, so there, as in both for a pasted path, the path
// is typed and the backend checks it and says why when it cannot use it.
import { useState, type FormEvent } from 'react';
import { useStore } from '../../hooks/use-store';
import { api, isDesktopApp } from '../../lib/api';
import { addFolder, libraryStore, removeFolder } from '../../stores/library-store';
import { valueOrNotify } from '../../stores/notices';

export function FolderList({ onAdded }: { onAdded?: (paths: string[]) => void }) {
  const state = useStore(libraryStore, (l) => l.state);
  const roots = state?.state === 'open' ? state.roots : [];
  const [path, setPath] = useState('');
  const [choosing, setChoosing] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = path.trim();
    if (!wanted) return;
    if (await addFolder(wanted)) {
      setPath('');
      onAdded?.([wanted]);
    }
  };

  const choose = async () => {
    setChoosing(true);
    try {
      const chosen = valueOrNotify(await api.library.pickFolders(), 'open the folder dialog') ?? [];
      const added: string[] = [];
      for (const folder of chosen) if (await addFolder(folder)) added.push(folder);
      // One call for all of them: a second indexing start while one runs would be ignored.
      if (added.length > 0) onAdded?.(added);
    } finally {
      setChoosing(false);
    }
  };

  return (
    <div className="folder-list">
      {roots.length > 0 && (
        <ul aria-label="Library folders">
          {roots.map((root) => (
            <li key={root.id}>
              <span className="folder-path" title={root.path}>
                {root.path}
              </span>
              <button type="button" className="danger" aria-label={`Remove folder ${root.path}`} onClick={() => void removeFolder(root)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {isDesktopApp() ? (
        <button type="button" className="primary" disabled={choosing} onClick={() => void choose()}>
          Choose folders…
        </button>
      ) : (
        <p className="hint">A browser cannot open this computer’s folder dialog: type or paste the folder’s path.</p>
      )}
      <form onSubmit={(e) => void submit(e)} className="folder-add">
        <input type="text" aria-label="Folder path" placeholder="/home/me/Pictures" value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="submit" disabled={!path.trim()}>
          Add folder
        </button>
      </form>
    </div>
  );
}
