// Runs in: main process (plain Node). Which frames may call the API: only a top-level page
// served from the app's own origin (or, in development, the dev server's). A page that got
// navigated elsewhere, an iframe or a devtools extension is refused before any handler runs.

export interface SenderFrame {
  url: string;
  /** True for a window's top-level frame. */
  isMainFrame: boolean;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (!frame?.isMainFrame) return false;
  let origin: string;
  try {
    const url = new URL(frame.url);
    // Custom schemes have an opaque URL.origin ('null'), so compare scheme and host.
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return allowedOrigins.includes(origin);
}
