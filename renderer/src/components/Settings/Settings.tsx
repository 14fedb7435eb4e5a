// Runs in: the renderer. Settings: library folders, the import folder, model, execution
// provider, XMP export, the thumbnail cache, and what the backend can tell about the app (version, data folder, log file).
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../main/shared/api-contract';
import { useStore } from '../../hooks/use-store';
import { api } from '../../lib/api';
import { startIndexing } from '../../stores/indexing-store';
import { libraryStore } from '../../stores/library-store';
import { valueOrNotify } from '../../stores/notices';
import { Dialog } from '../Dialog/Dialog';
import { FolderList } from './FolderList';
import { ImportFolder } from './ImportFolder';
import { ModelComparison } from './ModelComparison';
import { ModelPicker } from './ModelPicker';
import { ProviderPicker } from './ProviderPicker';
import { ThumbnailCache } from './ThumbnailCache';
import { XmpExport } from './XmpExport';
import './Settings.css';

export function Settings({ onClose }: { onClose: () => void }) {
  const state = useStore(libraryStore, (l) => l.state);
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api.app.info().then((r) => setInfo(valueOrNotify(r, 'read the app info')));
  }, []);

  return (
    <Dialog title="Settings" onClose={onClose}>
      <section className="settings-section">
        <h3>Library folders</h3>
        <FolderList onAdded={(paths) => void startIndexing(paths)} />
        <button type="button" onClick={() => void startIndexing()}>
          Rescan all folders
        </button>
      </section>
      <section className="settings-section">
        <h3>Import folder</h3>
        <ImportFolder />
      </section>
      <section className="settings-section">
        <h3>Model and speed</h3>
        {state && <ModelPicker currentId={state.modelId} />}
        <ProviderPicker />
      </section>
      {state?.state === 'open' && (
        <section className="settings-section">
          <h3>Compare on a folder of labelled photos</h3>
          <ModelComparison />
        </section>
      )}
      <section className="settings-section">
        <h3>Tags in other programs</h3>
        <XmpExport />
      </section>
      {state?.state === 'open' && (
        <section className="settings-section">
          <h3>Thumbnail cache</h3>
          <ThumbnailCache />
        </section>
      )}
      {info && (
        <section className="settings-section">
          <h3>About</h3>
          <p className="hint">
            Clipfolio {info.version} on {info.platform}. Settings, models and (unless another library folder was chosen) the library are kept in {info.userDataDir}; the log is {info.logFile}.
          </p>
        </section>
      )}
    </Dialog>
  );
}
