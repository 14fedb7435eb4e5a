// Runs in: the CLI process. The library every library command works on (the app's own one
// unless --library says otherwise), and opening it together with the model and worker for
// the commands that embed, in one place so they all close in the same order.
import { resolve } from 'node:path';
import { Library, libraryModelOf } from '../library/library';
import { defaultLibraryDir } from '../shared/app-paths';
import type { CliIo } from './cli-io';
import { openEngine, type Engine } from './open-engine';

export const libraryOption = { library: { type: 'string' } } as const;
export const libraryUsage = '[--library DIR]';

export function libraryDirOf(values: { library?: string }): string {
  return resolve(values.library ?? defaultLibraryDir());
}

/** Opens the model, the worker and the library; closes the library, then the worker, after `use`. */
export async function withEngineLibrary<T>(
  values: { library?: string; model?: string; variant?: string; provider?: string },
  io: CliIo,
  use: (engine: Engine, library: Library) => Promise<T>,
): Promise<T> {
  const engine = await openEngine(values, io);
  try {
    const library = await Library.open({
      libraryDir: libraryDirOf(values),
      model: await libraryModelOf(engine.model, engine.client),
      catalog: { onWarning: (w) => io.stderr.write(`clipfolio: ${w.message}\n`) },
    });
    try {
      return await use(engine, library);
    } finally {
      await library.close();
    }
  } finally {
    await engine.close();
  }
}
