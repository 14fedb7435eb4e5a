// Runs in: a child process started by catalog-crash.test.ts. Grows a catalog and flushes
// it in a tight loop, printing each durable photo count, until the parent kills it.
import { Catalog } from '../../../main/library/catalog';

const libraryDir = process.argv[2];
if (!libraryDir) throw new Error('usage: catalog-flush-loop.child.ts <libraryDir>');
const catalog = await Catalog.open(libraryDir, { flushIntervalMs: 600_000 });
const root = catalog.roots()[0] ?? catalog.addRoot('/photos');
for (let n = catalog.photoCount; ; ) {
  for (let i = 0; i < 200; i++, n++) {
    catalog.upsertPhoto({ rootId: root.id, path: `/photos/${n}.jpg`, size: n, mtimeMs: n });
  }
  await catalog.flush();
  process.stdout.write(`${n}\n`);
}
