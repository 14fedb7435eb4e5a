// Runs in: the CLI process. `clipfolio photos`: one entry per file the library knows,
// indexed or not, with the reason for every failed or skipped one; --min-rating and
// --favourites keep the rated ones.
import { photoConditions } from '../../search/photo-filters';
import { printJson, printLine, libraryOf, UsageError, type CliIo } from '../cli-io';
import { parseSearchQuery, searchFilterOptions } from './search';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const photosUsage = `usage: clipfolio photos [--min-rating N] [--favourites] ${libraryUsage} [--json]`;

export function photosCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, {
    ...libraryOption,
    json: { type: 'boolean' },
    'min-rating': searchFilterOptions['min-rating'],
    favourites: searchFilterOptions.favourites,
  });
  if (positionals.length > 0) throw new UsageError(photosUsage);
  const { catalog } = libraryOf(io);
  const conditions = photoConditions(parseSearchQuery(io, catalog, null, values));
  const kept = conditions && catalog.photoIdsWhere(conditions);
  const photos = [...catalog.photos()].filter((p) => !kept || kept.has(p.id)).map((p) => ({
    id: p.id,
    path: p.path,
    status: p.status,
    reason: p.reason,
    takenAt: p.takenAt,
    width: p.width,
    height: p.height,
    camera: p.camera,
    format: p.format,
    duplicateOf: p.duplicateOf,
    rating: p.rating,
    favourite: p.favourite,
  }));
  if (values.json) printJson(io, photos);
  else for (const p of photos) printLine(io, [p.id, p.status, p.path, p.reason ?? ''].join('\t').trimEnd());
  return 0;
}
