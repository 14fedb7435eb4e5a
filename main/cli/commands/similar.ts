// Runs in: the CLI process. `clipfolio similar PHOTO`: "more like this" from the photo's
// own vector, nearest first.
import { similarPhotos } from '../../search/photo-search';
import { UsageError, libraryOf, type CliIo } from '../cli-io';
import { photoIdOf } from '../library-access';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';
import { checkFilterValues, parseLimit, parseSearchQuery, printHits, searchFilterOptions, searchFilterUsage } from './search';

export const similarUsage = `usage: clipfolio similar PHOTO [--limit N] ${searchFilterUsage} ${libraryUsage} ${modelUsage} [--json]`;

export async function similarCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...libraryOption,
    ...modelOptions,
    ...searchFilterOptions,
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  const [photo] = positionals;
  if (!photo || positionals.length > 1) throw new UsageError(similarUsage);
  checkFilterValues(values);
  const limit = parseLimit(values.limit) ?? 20;
  return libraryOf(io).withModel(values, io, async ({ ctx }) => {
    const hits = await similarPhotos(ctx, photoIdOf(io, ctx.catalog, photo), parseSearchQuery(io, ctx.catalog, null, values), { limit });
    printHits(io, hits, values.json);
    return 0;
  });
}
