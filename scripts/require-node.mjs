// Runs before the tests, the benchmark and the CLI: Clipfolio's catalog is SQLite through
// Node's built-in node:sqlite, which Node 24 (the Node inside Electron 45) has and Node 20
// does not. An older Node gets one clear sentence and the command that works, not an
// ERR_UNKNOWN_BUILTIN_MODULE from deep inside a test.
const MAJOR = 24;

/** Exits with a message when this Node is older than 24; `retry` is the command to run instead. */
export function requireNode(retry) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MAJOR) return;
  console.error(
    `Clipfolio needs Node.js ${MAJOR} or newer (the Node inside Electron 45); this is Node ${process.versions.node}.\n` +
      `Install Node ${MAJOR}, or let npx fetch it for this command:\n  ${retry}`,
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) requireNode(`npx -y -p node@${MAJOR} npm ${process.argv[2] ?? 'test'}`);
