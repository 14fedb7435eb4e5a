// Runs in: the renderer. A modal dialog on the native <dialog> element: it traps focus,
// closes on Escape and is announced with its title, without a UI library.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  // A dialog may open over another (a question over an editor): each needs its own title id.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className={`dialog${wide ? ' wide' : ''}`} aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), onClose())}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
