// Runs in: whichever thread starts one of Clipfolio's workers. Where a worker's code is:
// bundled, the build emits `<name>.js` next to the bundle that contains this module; run
// from TypeScript source (tests, the tsx CLI) the worker needs tsx's loader, and Node 20
// ignores `--import tsx` in a worker's execArgv, so a one-line bootstrap loads the .ts
// file through tsx's API instead.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(name: 'inference.worker' | 'decode.worker', options: WorkerOptions = {}): Worker {
  // tsx may add a query to module URLs, so the extension is read from the path alone.
  if (!new URL(import.meta.url).pathname.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, import.meta.url), options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const worker = new URL(`./${name}.ts`, import.meta.url).href;
  const load = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(worker)}, ${JSON.stringify(worker)}))`;
  return new Worker(load, { ...options, eval: true });
}
