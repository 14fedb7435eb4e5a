// Runs in: the CLI process. `clipfolio status`: what the library holds (photo counts by
// status, folders, the model whose vectors serve it) and every failure with its reason.
// Reads the catalog only, so it is quick and needs no model.
import { printJson, printLine, libraryOf, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const statusUsage = `usage: clipfolio status ${libraryUsage} [--json]`;

export function statusCommand(args: string[], io: CliIo): number {
  const { values } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' } });
  const library = libraryOf(io);
  const { catalog } = library;
  const counts = catalog.statusCounts();
  const failures = catalog.listPhotos({ status: 'failed', limit: Number.MAX_SAFE_INTEGER }).photos.map((p) => ({ path: p.path, reason: p.reason ?? 'unknown' }));
  const roots = catalog.roots().map((root) => ({ id: root.id, path: root.path, photos: catalog.listPhotos({ rootId: root.id, limit: 0 }).total }));
  const model = library.servingModel;
  const status = { library: library.dir, model: model && { id: model.id, dim: model.dim }, total: catalog.photoCount, counts, roots, failures };
  if (values.json) {
    printJson(io, status);
    return 0;
  }
  printLine(io, `library ${library.dir}`);
  printLine(io, `model   ${status.model ? `${status.model.id} (${status.model.dim}-d)` : 'none yet'}`);
  printLine(io, `photos  ${status.total}: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}`);
  for (const root of roots) printLine(io, `folder  ${root.path} (${root.photos})`);
  for (const failure of failures) printLine(io, `failed  ${failure.path}: ${failure.reason}`);
  return 0;
}
