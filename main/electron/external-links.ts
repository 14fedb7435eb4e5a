// Runs in: the Electron main process (plain Node, tested directly). Which links leave the
// app for the user's browser: only http(s) URLs, and only when the user clicked a link
// (a new-tab disposition), never a script's window.open of a file:, custom-scheme or
// javascript: URL.

const LINK_DISPOSITIONS = new Set(['foreground-tab', 'background-tab']);

export function shouldOpenExternally(url: string, disposition: string): boolean {
  if (!LINK_DISPOSITIONS.has(disposition)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
