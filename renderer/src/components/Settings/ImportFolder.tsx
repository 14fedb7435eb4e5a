// Runs in: the renderer. Where photos dropped from outside the library are copied: the field
// holds the current folder, and a path typed or pasted there is used once the backend has
// checked it (full path, outside the library's data folder, writable) or says why not. The
// desktop app can also pick it with the OS's folder dialog (the one that adds library
// folders; the first folder chosen is taken).
import { useEffect, useState, type FormEvent } from 'react';
import { api, isDesktopApp } from '../../lib/api';
import { valueOrNotify } from '../../stores/notices';

export function ImportFolder() {
  const [current, setCurrent] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.settings.get().then((r) => {
      const importDir = valueOrNotify(r, 'read the settings')?.importDir ?? null;
      setCurrent(importDir);
      setPath(importDir ?? '');
    });
  }, []);

  const change = async (importDir: string) => {
    setBusy(true);
    try {
      const updated = valueOrNotify(await api.settings.update({ importDir }), 'change the import folder');
      if (updated) {
        setCurrent(updated.importDir);
        setPath(updated.importDir);
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = path.trim();
    if (wanted && wanted !== current) void change(wanted);
  };

  const choose = async () => {
    const [chosen] = valueOrNotify(await api.library.pickFolders(), 'open the folder dialog') ?? [];
    if (chosen !== undefined) await change(chosen);
  };

  return (
    <div className="import-folder">
      <p className="hint">Photos dropped from outside the library are copied here, into a folder per day.</p>
      <form onSubmit={submit} className="folder-add">
        <input type="text" aria-label="Import folder" disabled={current === null} value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="submit" disabled={busy || !path.trim() || path.trim() === current}>
          Use this folder
        </button>
        {isDesktopApp() && (
          <button type="button" disabled={busy || current === null} onClick={() => void choose()}>
            Choose…
          </button>
        )}
      </form>
    </div>
  );
}
