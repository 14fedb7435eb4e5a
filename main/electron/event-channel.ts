// Runs in: the Electron main process and the preload. The one IPC channel events travel on,
// main -> renderer; its own module so the preload imports a string, not main's IPC code.
export const EVENT_CHANNEL = 'clipfolio:event';
