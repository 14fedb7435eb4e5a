// Runs in: the CLI process. `clipfolio embed-image FILE...`: unit-length image
// embeddings; a file that cannot be read or decoded gets its error, the others go on.
import { resolve } from 'node:path';
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { modelOptions, modelUsage, openEngine } from '../open-engine';
import { formatVectorPreview } from '../format-vector';

export const embedImageUsage = `usage: clipfolio embed-image FILE... ${modelUsage} [--json]`;

type ImageRow = { file: string; embedding: number[] } | { file: string; error: { code: string; message: string } };

export async function embedImage(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...modelOptions, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(embedImageUsage);
  const engine = await openEngine(values, io);
  try {
    const files = positionals.map((p) => resolve(p));
    const results = await engine.client.embedImages(
      engine.model,
      files.map((path) => ({ path })),
      { provider: engine.provider },
    );
    const rows = results.map((r, i): ImageRow => {
      const file = files[i] ?? '';
      return r.ok ? { file, embedding: Array.from(r.embedding) } : { file, error: r.error };
    });
    if (values.json) printJson(io, rows);
    else {
      for (const row of rows) {
        if ('error' in row) io.stderr.write(`${row.file}: ${row.error.message}\n`);
        else printLine(io, `${row.file}\t${formatVectorPreview(Float32Array.from(row.embedding))}`);
      }
    }
    return rows.some((row) => 'error' in row) ? 1 : 0;
  } finally {
    await engine.close();
  }
}
