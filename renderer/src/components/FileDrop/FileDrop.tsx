// Runs in: the renderer. Files or folders dropped anywhere on the window from the OS are
// imported (stores/import-drop.ts); while they are dragged over, the window says so. Drops
// on a sidebar album or category are handled there and never reach this.
import { useState, type DragEvent, type ReactNode } from 'react';
import { importDroppedFiles } from '../../stores/import-drop';
import './FileDrop.css';

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

export function FileDrop({ children }: { children: ReactNode }) {
  const [over, setOver] = useState(false);
  return (
    <div
      className="file-drop"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        setOver(false);
        if (!hasFiles(e)) return;
        e.preventDefault();
        void importDroppedFiles(e.dataTransfer.files);
      }}
    >
      {children}
      {over && (
        <div className="file-drop-hint" aria-hidden="true">
          Drop photos or folders to import them
        </div>
      )}
    </div>
  );
}
