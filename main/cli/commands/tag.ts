// Runs in: the CLI process. `clipfolio tag PHOTO... CATEGORY --accept|--reject|--clear`: the
// user's correction, which changes those photos' tags and no other photo's; what it suggests
// for the whole category is `clipfolio categories suggest` (see the "tag calibration" note in
// tagging/calibration.ts).
import { decideTag, findCategory } from '../../tagging/category-store';
import { printJson, printLine, UsageError, libraryOf, type CliIo } from '../cli-io';
import { photoIdOf } from '../library-access';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const tagUsage = `usage: clipfolio tag PHOTO... CATEGORY --accept|--reject|--clear ${libraryUsage} [--json]`;

export function tagCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, {
    ...libraryOption,
    json: { type: 'boolean' },
    accept: { type: 'boolean' },
    reject: { type: 'boolean' },
    clear: { type: 'boolean' },
  });
  const photos = positionals.slice(0, -1);
  const categoryName = positionals.at(-1);
  const chosen = [values.accept, values.reject, values.clear].filter(Boolean).length;
  if (photos.length === 0 || !categoryName || chosen !== 1) throw new UsageError(tagUsage);
  const decision = values.accept ? 'accepted' : values.reject ? 'rejected' : null;
  const { catalog } = libraryOf(io);
  const photoIds = photos.map((photo) => photoIdOf(io, catalog, photo));
  const category = findCategory(catalog, categoryName);
  decideTag(catalog, photoIds, category.id, decision);
  if (values.json) printJson(io, { photoIds, category: category.name, decision });
  else printLine(io, `${category.name} ${decision ?? 'cleared'} on ${photos.length === 1 ? photos[0] : `${photos.length} photos`}`);
  return 0;
}
