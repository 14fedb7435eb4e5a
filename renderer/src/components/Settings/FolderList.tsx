// Runs in: the renderer. The library's folders: the list, remove, and add by path. The
// contract has no native folder picker, so a path is typed (or pasted); the backend checks
// it and says why when it cannot use it.
import { useState, type FormEvent } from 'react';
import { useStore } from '../../hooks/use-store';
import { addFolder, libraryStore, removeFolder } from '../../stores/library-store';

export function FolderList({ onAdded }: { onAdded?: (path: string) => void }) {
  const state = useStore(libraryStore, (l) => l.state);
  const roots = state?.state === 'open' ? state.roots : [];
  const [path, setPath] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = path.trim();
    if (!wanted) return;
    if (await addFolder(wanted)) {
      setPath('');
      onAdded?.(wanted);
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
              <button type="button" aria-label={`Remove folder ${root.path}`} onClick={() => void removeFolder(root.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
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
