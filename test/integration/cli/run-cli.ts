// Runs in: test processes. Starts `clipfolio` the way a user does (node bin/clipfolio.mjs)
// with a private user data folder, and collects its exit code and output.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runClipfolio(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const bin = path.resolve(process.cwd(), 'bin', 'clipfolio.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
