// Runs in: a child process started by shared-library.test.ts, which kills it with SIGKILL.
// Holds the library in argv[2] and makes user edits in a loop (an album, a keyword, a tag
// decision, in turn), printing a line for each once the edit has returned, which is the
// moment the app would acknowledge it.
import { createManualAlbum } from '../../../main/albums/album-store';
import { LibraryHold } from '../../../main/library/library-hold';
import { addCategory, decideTag } from '../../../main/tagging/category-store';
import { addKeywords } from '../../../main/tagging/keyword-store';

const dir = process.argv[2];
if (!dir) throw new Error('usage: edit-loop.child.ts LIBRARY_DIR');
const { catalog } = await LibraryHold.acquire(dir, { holder: 'a test child' });
const root = catalog.roots()[0] ?? catalog.addRoot('/photos');
const photos = Array.from({ length: 4 }, (_, i) => catalog.findByPath(`/photos/${i}.jpg`) ?? catalog.upsertPhoto({ rootId: root.id, path: `/photos/${i}.jpg`, size: 1, mtimeMs: 0 }));
const category = catalog.table('categories')[0] ?? addCategory(catalog, { name: 'red' });
process.stdout.write('ready\n');
for (let n = catalog.table('albums').length; ; n++) {
  const photo = photos[n % photos.length]?.id ?? '';
  const name = `album-${n}`;
  createManualAlbum(catalog, name, [photo]);
  process.stdout.write(`album ${name}\n`);
  const keyword = `word-${n}`;
  addKeywords(catalog, [photo], [keyword]);
  process.stdout.write(`keyword ${photo} ${keyword}\n`);
  decideTag(catalog, [photo], category.id, n % 2 === 0 ? 'accepted' : 'rejected');
  process.stdout.write(`decision ${photo} ${category.id}\n`);
  // Let the parent's kill land between edits as well as inside them.
  if (n % 5 === 0) await new Promise((r) => setImmediate(r));
}
