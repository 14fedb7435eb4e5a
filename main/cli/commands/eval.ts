// Runs in: the CLI process, or the app when the app holds the library. `clipfolio eval DIR`:
// zero-shot accuracy of one or more models on a folder of labelled photos (its first-level
// folders are the classes: an ImageNet-style tree, or the user's own "beach/", "receipts/"),
// so a user can pick the model that sorts their own photos best (eval/zero-shot-eval.ts).
// Several --model flags are run over the same photos and printed side by side.
import { evaluateModel, libraryEmbeddings, readLabelledFolder, type TemplateSet } from '../../eval/zero-shot-eval';
import type { ModelEvaluation } from '../../shared/api-contract';
import { libraryOf, pathFrom, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { modelUsage, resolveModel } from '../open-engine';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const evalUsage = [
  `usage: clipfolio eval DIR [--templates category|imagenet] ${modelUsage} ${libraryUsage} [--json]`,
  '       (--model DIR may be given several times: the models are compared on the same photos)',
].join('\n');

const TEMPLATE_SETS: readonly TemplateSet[] = ['category', 'imagenet'];

const percent = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

export async function evalCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...libraryOption,
    model: { type: 'string', multiple: true },
    variant: { type: 'string' },
    provider: { type: 'string' },
    templates: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [folder] = positionals;
  if (!folder || positionals.length > 1) throw new UsageError(evalUsage);
  const templates = TEMPLATE_SETS.find((t) => t === (values.templates ?? 'category'));
  if (!templates) throw new UsageError(`--templates must be one of ${TEMPLATE_SETS.join(', ')}`);
  const data = await readLabelledFolder(pathFrom(io, folder), io.signal);
  const folders = values.model ?? [undefined];
  const results = await libraryOf(io).withModel({ model: folders[0], variant: values.variant, provider: values.provider }, io, async ({ library, engine }) => {
    const evaluations: ModelEvaluation[] = [];
    for (const given of folders) {
      const model = given === undefined || pathFrom(io, given) === engine.model.dir ? engine.model : await resolveModel({ model: pathFrom(io, given), variant: values.variant }, io);
      // A photo of the tree that is in the library, indexed with this model, is not embedded again.
      const reuse = libraryEmbeddings(library, model.id);
      const onProgress = io.stderr.isTTY ? (done: number, total: number) => io.stderr.write(`\r${model.id}: ${done}/${total} photos\x1b[K`) : undefined;
      evaluations.push(await evaluateModel({ client: engine.client, model, provider: engine.provider, data, templates, reuse, onProgress, signal: io.signal }));
      if (io.stderr.isTTY) io.stderr.write('\n');
    }
    return evaluations;
  });
  if (values.json) printJson(io, { folder: pathFrom(io, folder), classes: data.classes, photos: data.photos.length, models: results });
  else printEvaluations(io, results);
  return 0;
}

/** One column per model: the summary, then each class, then the commonest confusions. */
function printEvaluations(io: CliIo, results: readonly ModelEvaluation[]): void {
  const rows: string[][] = [['', ...results.map((r) => r.model)]];
  rows.push(['photos', ...results.map((r) => `${r.photos}${r.reused > 0 ? ` (${r.reused} from the library)` : ''}`)]);
  rows.push(['top-1', ...results.map((r) => percent(r.top1))], ['top-5', ...results.map((r) => percent(r.top5))]);
  rows.push(['photos/s', ...results.map((r) => r.photosPerSecond.toFixed(1))]);
  rows.push(['', ...results.map(() => '')], ['class (photos)', ...results.map(() => 'accuracy  precision  recall')]);
  for (const [c, first] of (results[0]?.classes ?? []).entries()) {
    rows.push([`${first.name} (${first.photos})`, ...results.map((r) => {
      const k = r.classes[c];
      return k ? `${percent(k.accuracy).padStart(8)}  ${percent(k.precision).padStart(9)}  ${percent(k.recall).padStart(6)}` : '';
    })]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  for (const row of rows) printLine(io, row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
  for (const r of results) {
    if (r.confusions.length === 0) continue;
    printLine(io, `\n${r.model}, most confused:`);
    for (const c of r.confusions) printLine(io, `  ${c.actual} taken for ${c.predicted}: ${c.photos}`);
  }
  for (const r of results) for (const f of r.failed) io.stderr.write(`clipfolio: ${r.model} could not read ${f.path}: ${f.reason}\n`);
}
