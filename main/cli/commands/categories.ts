// Runs in: the CLI process. `clipfolio categories add|list|remove|starters|suggest|learn`:
// the user's zero-shot categories. Editing needs only the catalog; the next `tags` or
// `search` re-tags the library with them. `suggest` prints what learning from a category's
// corrections would change, in photos, and `learn` applies it (both need the model).
import { ClipfolioError } from '../../shared/errors';
import { addCategory, enableStarterCategories, findCategory, listCategories, removeCategory } from '../../tagging/category-store';
import { applyLearning, suggestLearning, type LearningSuggestion } from '../../tagging/learning-suggestion';
import { describeSuggestion } from '../../shared/suggestion-words';
import type { TagContext } from '../../tagging/tagger';
import { printJson, printLine, UsageError, libraryOf, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { modelOptions, modelUsage } from '../open-engine';
import { libraryOption, libraryUsage } from '../open-library';

export const categoriesUsage = [
  'usage: clipfolio categories add NAME [--prompt P]... [--negative P]... [--threshold T] [--parent NAME] [--colour C]',
  '       clipfolio categories list | remove NAME | starters [NAME...]',
  '       clipfolio categories suggest NAME | learn NAME',
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
  if (action === 'suggest' || action === 'learn') {
    const [name] = names;
    if (!name || names.length > 1) throw new UsageError(categoriesUsage);
    return libraryOf(io).withModel(values, io, async ({ ctx }) => {
      const categoryId = findCategory(ctx.catalog, name).id;
      const suggestion = await suggestLearning(ctx, categoryId);
      if (action === 'suggest') {
        if (values.json) printJson(io, suggestion && { ...suggestion, joins: pathsOf(ctx, suggestion.joins), leaves: pathsOf(ctx, suggestion.leaves) });
        else printSuggestion(io, ctx, name, suggestion);
        return 0;
      }
      if (!suggestion) throw new ClipfolioError('NOT_FOUND', `${name}: its corrections suggest nothing to learn`);
      const learned = await applyLearning(ctx, categoryId, suggestion.key);
      if (values.json) printJson(io, learned);
      else printLine(io, `${learned.name}: learned (${describeSuggestion(suggestion)})`);
      return 0;
    });
  }
  const { catalog } = libraryOf(io);
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
}

function pathsOf(ctx: TagContext, photoIds: readonly string[]): string[] {
  return photoIds.map((id) => ctx.catalog.getPhoto(id)?.path ?? id);
}

function printSuggestion(io: CliIo, ctx: TagContext, name: string, suggestion: LearningSuggestion | null): void {
  if (!suggestion) {
    printLine(io, `${name}: its corrections suggest nothing to learn`);
    return;
  }
  printLine(io, `${name}: ${describeSuggestion(suggestion)}`);
  for (const path of pathsOf(ctx, suggestion.joins)) printLine(io, `  + ${path}`);
  for (const path of pathsOf(ctx, suggestion.leaves)) printLine(io, `  - ${path}`);
  printLine(io, `apply it with: clipfolio categories learn ${JSON.stringify(name)}`);
}
