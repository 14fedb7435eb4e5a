// Runs in: the renderer. The thumbnail cache: where it is, how much it holds, and clearing it.
// Thumbnails are rebuildable, so clearing only frees space: each is made again from its
// photo the next time the grid shows it (main/library/thumbnail-cache.ts).
import { useEffect, useState } from 'react';
import type { ThumbnailCacheInfo } from '../../../../main/shared/api-contract';
import { api } from '../../lib/api';
import { formatBytes, formatCount } from '../../lib/format';
import { valueOrNotify } from '../../stores/notices';

export function ThumbnailCache() {
  const [info, setInfo] = useState<ThumbnailCacheInfo | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.library.thumbnailCache().then((r) => setInfo(valueOrNotify(r, 'measure the thumbnail cache')));
  }, []);

  const clear = async () => {
    setBusy(true);
    const after = valueOrNotify(await api.library.clearThumbnailCache(), 'clear the thumbnail cache');
    if (after) setInfo(after);
    setBusy(false);
  };

  return (
    <>
      <p className="hint">
        Thumbnails are kept in <span className="folder-path">{info?.dir ?? '…'}</span>. Clearing frees the space; each thumbnail is made again from its photo when it is next
        shown.
      </p>
      <p className="hint" aria-live="polite" aria-label="Thumbnail cache size">
        {info ? `${formatCount(info.files, 'thumbnail')}, ${formatBytes(info.bytes)}` : 'Measuring…'}
      </p>
      <button type="button" disabled={busy || info?.files === 0} onClick={() => void clear()}>
        {busy ? 'Clearing…' : 'Clear thumbnail cache'}
      </button>
    </>
  );
}
