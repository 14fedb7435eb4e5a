// Runs in: the renderer. Whether the window is wide enough for the inspector beside the grid:
// below this a 1024 px window would leave the grid three columns, so the inspector opens
// over the grid on request instead (Ctrl/Cmd+I) and the photos keep the room.
import { useEffect, useState } from 'react';

export const WIDE_WINDOW = '(min-width: 1280px)';

export function useWideWindow(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE_WINDOW).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE_WINDOW);
    const changed = () => setWide(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return wide;
}
