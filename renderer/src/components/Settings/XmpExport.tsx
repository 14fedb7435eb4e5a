// Runs in: the renderer. Opt-in export of tags as XMP sidecars (`photo.jpg.xmp`) that
// Lightroom, digiKam and darktable read. Nothing is written until the user presses the
// button; photos are never touched, and sidecars other programs wrote are left alone.
import { useState } from 'react';
import type { XmpExportSummary } from '../../../../main/shared/api-contract';
import { api } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { valueOrNotify } from '../../stores/notices';

export function XmpExport() {
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<XmpExportSummary | null>(null);
  const run = async () => {
    setBusy(true);
    setSummary(valueOrNotify(await api.tags.exportXmp(), 'write the XMP sidecars'));
    setBusy(false);
  };
  return (
    <>
      <p className="hint">
        Writes each photo’s categories and keywords into a sidecar file next to it (photo.jpg.xmp), for Lightroom, digiKam and darktable. Photos are not changed; sidecars
        written by other programs are left alone.
      </p>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {busy ? 'Writing sidecars…' : 'Write XMP sidecars'}
      </button>
      {summary && (
        <p className="hint" role="status">
          Wrote {formatCount(summary.written, 'sidecar')}
          {summary.skipped.length > 0 ? `; left ${formatCount(summary.skipped.length, 'sidecar')} from other programs alone` : ''}.
        </p>
      )}
    </>
  );
}
