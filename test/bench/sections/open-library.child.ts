// Runs in: a child process of the indexing benchmark, so its RSS is that of opening a
// library and nothing else. Opens the library (or only its catalog or vector file) named on
// the command line, then prints {ms, rssMB} as one JSON line.
import path from 'node:path';
import { Catalog } from '../../../main/library/catalog';
import { VectorStore, vectorFileName } from '../../../main/library/vector-store';
import { openTestLibrary } from '../../fixtures/test-library';

const [libraryDir, what, modelId, dim] = process.argv.slice(2);
if (!libraryDir || !modelId || !dim || !['library', 'catalog', 'vectors'].includes(what ?? '')) {
  throw new Error('usage: open-library.child.ts LIBRARY_DIR library|catalog|vectors MODEL_ID DIM');
}
const model = { id: modelId, dim: Number(dim) };
const started = performance.now();
const opened =
  what === 'library'
    ? await openTestLibrary(libraryDir, model)
    : what === 'catalog'
      ? Catalog.open(path.join(libraryDir, 'catalog.sqlite'))
      : await VectorStore.open(path.join(libraryDir, vectorFileName(model.id)), { modelId: model.id, dim: model.dim });
const ms = performance.now() - started;
const rssMB = process.memoryUsage().rss / 1e6;
await opened.close();
console.log(JSON.stringify({ ms, rssMB }));
