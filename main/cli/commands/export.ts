// Runs in: the CLI process, or the app when the app holds the library. `clipfolio export
// ALBUM DIR` copies an album's original files into a folder, names kept (a taken name gets
// " (2)"), with a progress line on a terminal; Ctrl-C stops after the file being copied.
import { findAlbum } from '../../albums/album-store';
import { exportFiles, type ExportProgress } from '../../library/photo-export';
import { albumPhotoIds } from '../../search/photo-search';
import { libraryOf, pathFrom, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const exportUsage = `usage: clipfolio export ALBUM DIR ${libraryUsage} ${modelUsage} [--json]`;

function progressLine(io: CliIo): ((p: ExportProgress) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  return ({ done, total }) => io.stderr.write(`\rcopying ${done}/${total}\x1b[K`);
}

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, ...modelOptions, json: { type: 'boolean' } });
  const [albumName, dirArg] = positionals;
  if (positionals.length !== 2 || !albumName || !dirArg) throw new UsageError(exportUsage);
  const access = libraryOf(io);
  const album = findAlbum(access.catalog, albumName);
  // A manual album is a list in the catalog; a smart one is a search, which needs the model.
  const ids = album.kind === 'manual' ? access.catalog.albumPhotoIds(album.id) : await access.withModel(values, io, ({ ctx }) => albumPhotoIds(ctx, album));
  const files = ids.flatMap((id) => access.catalog.getPhoto(id)?.path ?? []);
  const dir = pathFrom(io, dirArg);
  const result = await exportFiles(files, dir, { signal: io.signal, onProgress: progressLine(io) });
  if (io.stderr.isTTY) io.stderr.write('\n');
  if (values.json) printJson(io, { dir, ...result });
  else {
    printLine(io, `Copied ${result.copied} of ${files.length} photos from ${album.name} to ${dir}${result.cancelled ? ' (stopped)' : ''}.`);
    for (const { from, to } of result.renamed) printLine(io, `renamed ${from} -> ${to}`);
  }
  for (const { path, reason } of result.failed) io.stderr.write(`clipfolio: ${path} was not copied: ${reason}\n`);
  return result.cancelled ? 130 : result.failed.length > 0 ? 1 : 0;
}
