// Runs in: the CLI process. The option every library command takes: which library (the app's
// own one unless --library says otherwise). main.ts finds and holds it (held-library.ts).
export const libraryOption = { library: { type: 'string' } } as const;
export const libraryUsage = '[--library DIR]';
