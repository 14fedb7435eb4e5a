// Runs in: the CLI process. `clipfolio categories add|list|remove|starters`: the user's
// zero-shot categories. Editing needs only the catalog; the next `tags` or `search`
// re-tags the library with them.
import { Catalog } from '../../library/catalog';
import { addCategory, enableStarterCategories, listCategories, removeCategory } from '../../tagging/category-store';
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { modelOptions, modelUsage } from '../open-engine';
import { libraryDirOf, libraryOption, libraryUsage } from '../open-library';

export const categoriesUsage = [
  'usage: clipfolio categories add NAME [--prompt P]... [--negative P]... [--threshold T] [--parent NAME] [--colour C]',
  '       clipfolio categories list | remove NAME | starters [NAME...]',
  `       (all with ${libraryUsage} ${modelUsage} [--json])`,
].join('\n');

export async function categoriesCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    // Model options are accepted, as by every library command, so scripts can pass one set
    // of options throughout; editing categories itself needs no model.
    ...modelOptions,
    ...libraryOption,
    json: { type: 'boolean' },
    prompt: { type: 'string', multiple: true },
    negative: { type: 'string', multiple: true },
    threshold: { type: 'string' },
    parent: { type: 'string' },
    colour: { type: 'string' },
  });
  const [action, ...names] = positionals;
  const catalog = await Catalog.open(libraryDirOf(values));
  try {
    switch (action) {
      case 'add': {
        const [name] = names;
        if (!name || names.length > 1) throw new UsageError(categoriesUsage);
        const threshold = values.threshold === undefined ? null : Number(values.threshold);
        if (threshold !== null && !Number.isFinite(threshold)) throw new UsageError('--threshold must be a number');
        const added = addCategory(catalog, {
          name,
          prompts: values.prompt ?? [],
          negativePrompts: values.negative ?? [],
          threshold,
          colour: values.colour,
          parent: values.parent,
        });
        if (values.json) printJson(io, added);
        else printLine(io, `added ${added.name}`);
        return 0;
      }
      case 'list': {
        const all = listCategories(catalog);
        if (values.json) printJson(io, all);
        else
          for (const c of all) {
            const learned = c.calibration ? `tagged ${c.calibration.tagged}, cut ${c.calibration.threshold.toFixed(3)}` : 'not tagged yet';
            printLine(io, `${c.name}\t${[...c.prompts, ...c.negativePrompts.map((n) => `not: ${n}`)].join('; ')}\t${learned}`);
          }
        return 0;
      }
      case 'remove': {
        const [name] = names;
        if (!name) throw new UsageError(categoriesUsage);
        const removed = removeCategory(catalog, name);
        if (values.json) printJson(io, removed);
        else printLine(io, `removed ${removed.name}`);
        return 0;
      }
      case 'starters': {
        const added = enableStarterCategories(catalog, names.length > 0 ? names : undefined);
        if (values.json) printJson(io, added);
        else printLine(io, added.length > 0 ? `added ${added.map((c) => c.name).join(', ')}` : 'nothing to add');
        return 0;
      }
      default:
        throw new UsageError(categoriesUsage);
    }
  } finally {
    await catalog.close();
  }
}
