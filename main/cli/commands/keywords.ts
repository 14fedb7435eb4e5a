// Runs in: the CLI process. `clipfolio keywords add PHOTO KEYWORD...`, `keywords remove PHOTO
// KEYWORD` and `keywords list [PHOTO]`: keywords of the user's own on photos, tags without a
// category (tagging/keyword-store.ts). Editing and listing need only the catalog, no model.
import { addKeywords, keywordCounts, keywordsOf, removeKeyword } from '../../tagging/keyword-store';
import { printJson, printLine, UsageError, libraryOf, type CliIo } from '../cli-io';
import { photoIdOf } from '../library-access';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const keywordsUsage = `usage: clipfolio keywords add PHOTO KEYWORD... | remove PHOTO KEYWORD | list [PHOTO]   ${libraryUsage} [--json]`;

export function keywordsCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' } });
  const [action, photo, ...keywords] = positionals;
  const wellFormed =
    (action === 'add' && photo !== undefined && keywords.length > 0) ||
    (action === 'remove' && photo !== undefined && keywords.length === 1) ||
    (action === 'list' && keywords.length === 0);
  if (!wellFormed) throw new UsageError(keywordsUsage);
  const { catalog } = libraryOf(io);
  if (action === 'list' && photo === undefined) {
    const counts = keywordCounts(catalog);
    if (values.json) printJson(io, counts);
    else for (const { keyword, photos } of counts) printLine(io, `${keyword}\t${photos}`);
    return 0;
  }
  const photoId = photoIdOf(io, catalog, photo ?? '');
  if (action === 'add') addKeywords(catalog, [photoId], keywords);
  if (action === 'remove') removeKeyword(catalog, photoId, keywords[0] ?? '');
  const path = catalog.getPhoto(photoId)?.path ?? '';
  const now = keywordsOf(catalog, photoId);
  if (values.json) printJson(io, { path, keywords: now });
  else printLine(io, `${path}\t${now.join(', ')}`);
  return 0;
}
