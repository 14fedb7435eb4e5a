// Runs in: the CLI process. `clipfolio status`: what the library holds (photo counts by
// status, folders, the model whose vectors serve it) and every failure with its reason.
// Reads the catalog only, so it is quick and needs no model.
import { Catalog } from '../../library/catalog';
import type { PhotoStatus } from '../../library/catalog-schema';
import { servingModel } from '../../library/library';
import { printJson, printLine, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { libraryDirOf, libraryOption, libraryUsage } from '../open-library';

export const statusUsage = `usage: clipfolio status ${libraryUsage} [--json]`;

export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' } });
  const libraryDir = libraryDirOf(values);
  const catalog = await Catalog.open(libraryDir);
  try {
    const counts: Record<PhotoStatus, number> = { indexed: 0, failed: 0, skipped: 0, pending: 0 };
    const perRoot = new Map<string, number>();
    const failures: { path: string; reason: string }[] = [];
    for (const photo of catalog.photos()) {
      counts[photo.status] += 1;
      perRoot.set(photo.rootId, (perRoot.get(photo.rootId) ?? 0) + 1);
      if (photo.status === 'failed') failures.push({ path: photo.path, reason: photo.reason ?? 'unknown' });
    }
    const roots = catalog.roots().map((root) => ({ id: root.id, path: root.path, photos: perRoot.get(root.id) ?? 0 }));
    const status = { library: libraryDir, model: servingModel(catalog), total: catalog.photoCount, counts, roots, failures };
    if (values.json) {
      printJson(io, status);
      return 0;
    }
    printLine(io, `library ${libraryDir}`);
    printLine(io, `model   ${status.model ? `${status.model.id} (${status.model.dim}-d)` : 'none yet'}`);
    printLine(io, `photos  ${status.total}: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}`);
    for (const root of roots) printLine(io, `folder  ${root.path} (${root.photos})`);
    for (const failure of failures) printLine(io, `failed  ${failure.path}: ${failure.reason}`);
    return 0;
  } finally {
    await catalog.close();
  }
}
