// Runs in: the renderer. A context menu at the pointer (or at a photo, from the keyboard's
// menu key or Shift+F10): the actions for what was right-clicked, in a list the arrow keys
// walk; Escape, a click elsewhere or choosing one closes it and gives the focus back.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './ContextMenu.css';

export interface MenuEntry {
  label: string;
  run: () => void;
  /** Takes something away (remove from album, move to trash): shown as such. */
  danger?: boolean;
  /** Shown but not offered here, with why ("In the desktop app"). */
  unavailable?: string;
}

export function ContextMenu({ x, y, label, entries, onClose }: { x: number; y: number; label: string; entries: readonly MenuEntry[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ left: x, top: y });
  // Kept inside the window: opened near an edge, it opens towards the middle.
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    setPlace({ left: Math.max(0, Math.min(x, window.innerWidth - box.width)), top: Math.max(0, Math.min(y, window.innerHeight - box.height)) });
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [x, y]);
  useEffect(() => {
    const away = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);
  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    }
  };
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label={label} style={place} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <button
          key={entry.label}
          type="button"
          role="menuitem"
          className={entry.danger ? 'danger' : undefined}
          aria-disabled={entry.unavailable ? true : undefined}
          title={entry.unavailable}
          onClick={() => {
            if (entry.unavailable) return;
            onClose();
            entry.run();
          }}
        >
          {entry.label}
          {entry.unavailable && <span className="menu-hint"> · {entry.unavailable}</span>}
        </button>
      ))}
    </div>
  );
}
