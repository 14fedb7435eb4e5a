// Runs in: the CLI process. `clipfolio tag PHOTO CATEGORY --accept|--reject|--clear`: the
// user's correction, which always wins for that photo and teaches the category at the next
// re-tag (see the "tag calibration" note in tagging/calibration.ts).
import { Catalog } from '../../library/catalog';
import { decideTag, findCategory } from '../../tagging/category-store';
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { photoIdOf } from '../open-library-context';
import { parseCommandArgs } from '../parse-command-args';
import { libraryDirOf, libraryOption, libraryUsage } from '../open-library';

export const tagUsage = `usage: clipfolio tag PHOTO CATEGORY --accept|--reject|--clear ${libraryUsage} [--json]`;

export async function tagCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...libraryOption,
    json: { type: 'boolean' },
    accept: { type: 'boolean' },
    reject: { type: 'boolean' },
    clear: { type: 'boolean' },
  });
  const [photo, categoryName] = positionals;
  const chosen = [values.accept, values.reject, values.clear].filter(Boolean).length;
  if (!photo || !categoryName || positionals.length > 2 || chosen !== 1) throw new UsageError(tagUsage);
  const decision = values.accept ? 'accepted' : values.reject ? 'rejected' : null;
  const catalog = await Catalog.open(libraryDirOf(values));
  try {
    const photoId = photoIdOf(catalog, photo);
    const category = findCategory(catalog, categoryName);
    decideTag(catalog, photoId, category.id, decision);
    if (values.json) printJson(io, { photoId, category: category.name, decision });
    else printLine(io, `${category.name} ${decision ?? 'cleared'} on ${photo}`);
    return 0;
  } finally {
    await catalog.close();
  }
}
