// Runs in: the CLI process. `clipfolio tags`: re-tags the library (one similarity product)
// and lists each photo's tags with calibrated score and source (auto, accepted, rejected,
// keyword).
import { keywordsOf } from '../../tagging/keyword-store';
import { computeTags, tagsOfPhoto } from '../../tagging/tagger';
import { printJson, printLine, UsageError, libraryOf, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const tagsUsage = `usage: clipfolio tags ${libraryUsage} ${modelUsage} [--json]`;

export async function tagsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, ...modelOptions, json: { type: 'boolean' } });
  // Checked before withLibraryContext, which opens (and may first download) the model.
  if (positionals.length > 0) throw new UsageError(tagsUsage);
  return libraryOf(io).withModel(values, io, async ({ ctx }) => {
    const tags = await computeTags(ctx);
    const rows = [...ctx.catalog.photos()].map((p) => ({ path: p.path, tags: tagsOfPhoto(tags, p.id, keywordsOf(ctx.catalog, p.id)) }));
    if (values.json) {
      printJson(io, rows.map((r) => ({ path: r.path, tags: r.tags.map(({ name, score, source }) => ({ name, score, source })) })));
    } else {
      for (const r of rows) {
        const shown = r.tags.map((t) => `${t.name}(${t.source}${t.score === null ? '' : ` ${t.score.toFixed(3)}`})`);
        printLine(io, `${r.path}\t${shown.join(', ')}`);
      }
    }
    return 0;
  });
}
