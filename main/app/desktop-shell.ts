// Runs in: main process. What only the desktop can do with a photo's file: show it in the
// file manager, open it with the default app, and move it to the platform's trash. The
// Electron shell passes its own (main/electron, from Electron's shell module); `clipfolio
// serve` has none, and the calls that need one say so (DESKTOP_ONLY) while the browser
// shows them explained. Kept to an interface so the app service is tested without Electron.

export interface DesktopShell {
  showInFolder(path: string): void;
  /** Resolves with an error message ('' when it opened), as Electron's shell.openPath does. */
  openPath(path: string): Promise<string>;
  /** The platform's trash (shell.trashItem); used where there is no freedesktop trash (macOS, Windows). */
  trash(path: string): Promise<void>;
}
