// Runs in: the CLI process. `clipfolio embed-text TEXT...`: token ids and unit-length
// text embeddings, through the same inference worker the app uses.
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { modelOptions, modelUsage, openEngine } from '../open-engine';
import { formatVectorPreview } from '../format-vector';

export const embedTextUsage = `usage: clipfolio embed-text TEXT... ${modelUsage} [--json]`;

export async function embedText(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...modelOptions, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(embedTextUsage);
  const engine = await openEngine(values, io);
  try {
    const results = await engine.client.embedTexts(engine.model, positionals, { provider: engine.provider });
    if (values.json) {
      printJson(
        io,
        results.map((r) => ({ text: r.text, ids: r.ids, embedding: Array.from(r.embedding) })),
      );
    } else {
      for (const r of results) printLine(io, `${r.text}\t${r.ids.length} tokens\t${formatVectorPreview(r.embedding)}`);
    }
    return 0;
  } finally {
    await engine.close();
  }
}
