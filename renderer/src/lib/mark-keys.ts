// Runs in: the renderer (pure, no React). The keys that mark photos, the same in the grid and
// the viewer, as Lightroom and digiKam have them: 0-5 set the stars (0 takes them away), F or
// . toggles the favourite, Ctrl/Cmd+[ and Ctrl/Cmd+] turn a quarter left and right.

export type MarkCommand = { kind: 'rate'; stars: number } | { kind: 'favourite' } | { kind: 'rotate'; direction: 'left' | 'right' };

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The mark a key press asks for; null for any other key. */
export function markCommand(event: KeyLike): MarkCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey) return null;
  if (mod) return event.key === '[' ? { kind: 'rotate', direction: 'left' } : event.key === ']' ? { kind: 'rotate', direction: 'right' } : null;
  if (/^[0-5]$/.test(event.key)) return { kind: 'rate', stars: Number(event.key) };
  if (event.key === 'f' || event.key === 'F' || event.key === '.') return { kind: 'favourite' };
  return null;
}
