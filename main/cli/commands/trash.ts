// Runs in: the CLI process, or the app when the app holds the library. `clipfolio trash
// PHOTO...` moves photos' files to the system's trash (the freedesktop trash on Linux, the
// Finder's or the Recycle Bin elsewhere) and takes them out of the library with their
// vectors and thumbnails, as one edit: `clipfolio undo` brings files and records back.
import { trashPhotos } from '../../library/photo-trash';
import { libraryOf, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { photoIdOf } from '../library-access';
import { modelOptions, modelUsage } from '../open-engine';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const trashUsage = `usage: clipfolio trash PHOTO... ${libraryUsage} ${modelUsage} [--json]`;

export async function trashCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, ...modelOptions, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(trashUsage);
  const access = libraryOf(io);
  const photoIds = positionals.map((photo) => photoIdOf(io, access.catalog, photo));
  const result = await access.withModel(values, io, async ({ library }) => {
    const done = await trashPhotos(library.catalog, photoIds);
    await library.forgetFiles(done.trashed);
    return done;
  });
  if (values.json) printJson(io, { trashed: result.trashed.length, failed: result.failed });
  else printLine(io, `Moved ${result.trashed.length} photo${result.trashed.length === 1 ? '' : 's'} to the trash${result.trashed.length > 0 ? ' (clipfolio undo brings them back)' : ''}.`);
  for (const { path, reason } of result.failed) io.stderr.write(`clipfolio: ${path} stays: ${reason}\n`);
  return result.failed.length > 0 ? 1 : 0;
}
