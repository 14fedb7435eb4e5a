// Runs in: the CLI process. `clipfolio search "QUERY" [filters]`: ranked photo paths with
// scores, cut by the query's own score distribution (search/relevance-cut.ts) unless --all.
// Also home of the filter options `albums smart` saves with a query.
import type { Catalog } from '../../library/catalog';
import { MAX_RATING, type SearchQuery } from '../../library/catalog-schema';
import { findAlbum } from '../../albums/album-store';
import { searchPhotos, type SearchHit } from '../../search/photo-search';
import { findCategory } from '../../tagging/category-store';
import { libraryOf, pathFrom, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const searchFilterOptions = {
  category: { type: 'string', multiple: true },
  keyword: { type: 'string', multiple: true },
  album: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  camera: { type: 'string' },
  folder: { type: 'string' },
  'min-rating': { type: 'string' },
  favourites: { type: 'boolean' },
} as const;
export const searchFilterUsage =
  '[--category C]... [--keyword K]... [--album A] [--from DATE] [--to DATE] [--camera C] [--folder DIR] [--min-rating N] [--favourites]';

export const searchUsage = [
  `usage: clipfolio search ["QUERY"] [--limit N] [--all] ${searchFilterUsage} ${libraryUsage} ${modelUsage} [--json]`,
  '       (a query, at least one filter, or both)',
].join('\n');

interface FilterValues {
  category?: string[];
  keyword?: string[];
  album?: string;
  from?: string;
  to?: string;
  camera?: string;
  folder?: string;
  'min-rating'?: string;
  favourites?: boolean;
}

/**
 * The checks of the filter options that need no catalog. Commands call it before opening the
 * library and model (which may download the default model), so a mistake is told at once.
 */
export function checkFilterValues(values: FilterValues): void {
  for (const [flag, value] of [['--from', values.from], ['--to', values.to]] as const) {
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new UsageError(`${flag} takes a date, YYYY-MM-DD`);
  }
  minRating(values);
}

/** --min-rating as stars, 1 to 5. */
function minRating(values: FilterValues): number | undefined {
  const value = values['min-rating'];
  if (value === undefined) return undefined;
  const stars = Number(value);
  if (!Number.isInteger(stars) || stars < 1 || stars > MAX_RATING) throw new UsageError(`--min-rating takes a number of stars, 1 to ${MAX_RATING}`);
  return stars;
}

/** The query the options describe; --folder is taken from where the command was typed. */
export function parseSearchQuery(io: CliIo, catalog: Catalog, text: string | null, values: FilterValues): SearchQuery {
  checkFilterValues(values);
  return {
    text,
    ...(values.category ? { categoryIds: values.category.map((c) => findCategory(catalog, c).id) } : {}),
    ...(values.keyword ? { keywords: values.keyword } : {}),
    ...(values.album !== undefined ? { albumId: findAlbum(catalog, values.album).id } : {}),
    ...(values.from !== undefined ? { takenFrom: values.from } : {}),
    ...(values.to !== undefined ? { takenTo: values.to } : {}),
    ...(values.camera !== undefined ? { camera: values.camera } : {}),
    ...(values.folder !== undefined ? { folder: pathFrom(io, values.folder) } : {}),
    ...(values['min-rating'] !== undefined ? { minRating: minRating(values) } : {}),
    ...(values.favourites ? { favourites: true } : {}),
  };
}

export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
  return limit;
}

/** One line per hit: its score, or for a name match what was named ("name", "keyword"), then its path. */
export function printHits(io: CliIo, hits: readonly SearchHit[], json: boolean | undefined): void {
  if (json) printJson(io, hits.map(({ path, score, match }) => ({ path, score, ...(match ? { match } : {}) })));
  else for (const h of hits) printLine(io, `${h.score === null ? (h.match ?? '') : h.score.toFixed(4)}\t${h.path}`);
}

export async function searchCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...libraryOption,
    ...modelOptions,
    ...searchFilterOptions,
    json: { type: 'boolean' },
    limit: { type: 'string' },
    all: { type: 'boolean' },
  });
  // Arguments are checked before withLibraryContext, which opens (and may first download) the model.
  const text = positionals[0]?.trim() ?? '';
  const filtered = Object.keys(searchFilterOptions).some((flag) => values[flag as keyof FilterValues] !== undefined);
  if (positionals.length > 1 || (text === '' && !filtered)) throw new UsageError(searchUsage);
  checkFilterValues(values);
  const limit = parseLimit(values.limit);
  return libraryOf(io).withModel(values, io, async ({ ctx }) => {
    const query = parseSearchQuery(io, ctx.catalog, text === '' ? null : text, values);
    printHits(io, await searchPhotos(ctx, query, { limit, noCut: values.all }), values.json);
    return 0;
  });
}
