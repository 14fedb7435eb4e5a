// Fetches the Electron binary on first `npm start`. Install scripts are off in .npmrc so
// that `npm ci` works where Electron's download host cannot be reached; this runs
// Electron's own installer only when the binary is missing.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('Downloading the Electron runtime (first start only)…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Could not download Electron. Check your connection, or set ELECTRON_MIRROR.');
    process.exit(result.status ?? 1);
  }
}
