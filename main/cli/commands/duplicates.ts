// Runs in: the CLI process. `clipfolio duplicates`: groups of photos that look nearly the
// same (cosine >= --min-score, default 0.95), for clean-up.
import { nearDuplicateGroups, NEAR_DUPLICATE_COSINE } from '../../search/photo-search';
import { printJson, printLine, UsageError, libraryOf, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const duplicatesUsage = `usage: clipfolio duplicates [--min-score COSINE] ${libraryUsage} ${modelUsage} [--json]`;

export async function duplicatesCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, ...modelOptions, json: { type: 'boolean' }, 'min-score': { type: 'string' } });
  // Checked before withLibraryContext, which opens (and may first download) the model.
  if (positionals.length > 0) throw new UsageError(duplicatesUsage);
  const minScore = values['min-score'] === undefined ? NEAR_DUPLICATE_COSINE : Number(values['min-score']);
  if (!(minScore > -1 && minScore <= 1)) throw new UsageError('--min-score must be a cosine in (-1, 1]');
  return libraryOf(io).withModel(values, io, async ({ ctx }) => {
    const groups = await nearDuplicateGroups(ctx, minScore);
    if (values.json) printJson(io, groups.map((g) => g.map(({ path, score }) => ({ path, score }))));
    else groups.forEach((g, i) => g.forEach((h) => printLine(io, `${i + 1}\t${h.path}`)));
    return 0;
  });
}
