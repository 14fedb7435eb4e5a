// Runs in: the CLI process. `clipfolio export-xmp`: writes each tagged or marked photo's tags,
// stars, favourite and rotation to an XMP sidecar next to it (opt-in: only when run).
// Sidecars from other programs are left alone and reported.
import { writeLibrarySidecars } from '../../interop/sidecar-entries';
import { computeTags } from '../../tagging/tagger';
import { printJson, printLine, UsageError, libraryOf, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const exportXmpUsage = `usage: clipfolio export-xmp ${libraryUsage} ${modelUsage} [--json]`;

export async function exportXmpCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, ...modelOptions, json: { type: 'boolean' } });
  // Checked before withLibraryContext, which opens (and may first download) the model.
  if (positionals.length > 0) throw new UsageError(exportXmpUsage);
  return libraryOf(io).withModel(values, io, async ({ ctx }) => {
    const result = await writeLibrarySidecars(ctx.catalog, await computeTags(ctx));
    if (values.json) printJson(io, result);
    else {
      printLine(io, `wrote ${result.written.length} sidecars`);
      for (const skipped of result.skipped) io.stderr.write(`clipfolio: left ${skipped} alone (written by another program)\n`);
    }
    return 0;
  });
}
