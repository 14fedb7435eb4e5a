// Runs in: the renderer. The first run, in the order it has to happen: get the model
// (download with progress, choose where it runs), then choose the folders to index.
import type { LibraryState } from '../../../../main/shared/api-contract';
import { startIndexing } from '../../stores/indexing-store';
import { FolderList } from '../Settings/FolderList';
import { ModelPicker } from '../Settings/ModelPicker';
import { ProviderPicker } from '../Settings/ProviderPicker';
import './FirstRun.css';
import '../Settings/Settings.css';

export function FirstRun({ state }: { state: LibraryState }) {
  return (
    <main className="first-run">
      <h1>Welcome to Clipfolio</h1>
      <p className="hint">Your photos, organised by what is in them. Everything runs on this computer.</p>
      <ol className="first-run-steps">
        <li aria-current={state.state === 'needs-model' ? 'step' : undefined}>
          <h2>1. Get the model</h2>
          {state.state === 'needs-model' ? (
            <>
              <p className="hint">Clipfolio recognises what is in a photo with a CLIP model that runs locally. It is downloaded once.</p>
              <ModelPicker currentId={state.modelId} />
              <ProviderPicker />
            </>
          ) : (
            <p>
              Model <strong>{state.modelId}</strong> is ready.
            </p>
          )}
        </li>
        <li aria-current={state.state === 'open' ? 'step' : undefined}>
          <h2>2. Choose your photo folders</h2>
          {state.state === 'open' ? (
            <>
              <p className="hint">Clipfolio indexes a folder and everything in it as soon as you add it; add more folders later in Settings.</p>
              <FolderList onAdded={(paths) => void startIndexing(paths)} />
            </>
          ) : (
            <p className="hint">After the model is installed.</p>
          )}
        </li>
      </ol>
    </main>
  );
}
