// Runs in: its own process (`npm run bench`). Runs every benchmark section, prints one
// table and writes .cache/bench/results.json. BENCH_SECTIONS=engine,... picks sections
// (engine, indexing, search, ui, catalog).
import path from 'node:path';
import { CACHE_DIR, ensureBenchModel, ensureJpegSet } from './bench-inputs';
import { printTable, writeJson, type BenchRow } from './bench-report';
import { loadModelFolder } from '../../main/models/model-folder';
import { benchCatalog } from './sections/catalog';
import { benchEngine } from './sections/engine';
import { benchIndexing } from './sections/indexing';
import { benchSearch } from './sections/search';
import { benchUiGrid } from './sections/ui-grid';

const wanted = new Set((process.env.BENCH_SECTIONS ?? 'engine,indexing,search,ui,catalog').split(',').map((s) => s.trim()));
const imageCount = Number(process.env.BENCH_IMAGES ?? 48);

const rows: BenchRow[] = [];
const modelDir = ensureBenchModel();
if (wanted.has('engine')) {
  const sets = [await ensureJpegSet('12MP', 4000, 3000, imageCount), await ensureJpegSet('1080p', 1920, 1080, imageCount)];
  rows.push(...(await benchEngine(modelDir, sets)));
}
if (wanted.has('indexing')) {
  rows.push(...(await benchIndexing(modelDir, await ensureJpegSet('12MP', 4000, 3000, Number(process.env.BENCH_INDEX_IMAGES ?? 1000)))));
}
if (wanted.has('search')) rows.push(...(await benchSearch(modelDir)));
if (wanted.has('ui')) rows.push(...(await benchUiGrid()));
if (wanted.has('catalog')) {
  const model = await loadModelFolder(modelDir);
  rows.push(...(await benchCatalog(modelDir, { id: model.id, dim: model.embeddingDim ?? 512 }, await ensureJpegSet('12MP', 4000, 3000, imageCount))));
}
printTable(rows);
const out = path.join(CACHE_DIR, 'bench', 'results.json');
await writeJson(out, rows);
console.log(`\nwrote ${out}`);
