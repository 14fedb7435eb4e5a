// Integration test: stars, favourites, keywords and turns read on indexing, with the real
// indexer, worker and test model: from the photo's own XMP (exiftool's MWG.jpg carries
// xmp:Rating 3), from digiKam-style `photo.jpg.xmp` and Lightroom-style `photo.xmp` sidecars,
// read again only once another program changed them; and Clipfolio's own sidecars carry the
// marks back out, round-tripped through exifr, without being read back in as changes.
import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InferenceClient } from '../../../main/inference/inference-client';
import { writeLibrarySidecars } from '../../../main/interop/sidecar-entries';
import { sidecarPath } from '../../../main/interop/xmp-sidecar';
import { Indexer } from '../../../main/library/indexer';
import { libraryModelOf, type Library } from '../../../main/library/library';
import { ratePhotos, rotatePhotos, setFavourite } from '../../../main/library/photo-marks';
import { loadModelFolder, type ModelFolder } from '../../../main/models/model-folder';
import type { TagSet } from '../../../main/tagging/tagger';
import { testModelDir } from '../../fixtures/test-models';
import { openTestLibrary } from '../../fixtures/test-library';
import { writeNoisePhoto } from './indexing-photos';

const exifr = createRequire(import.meta.url)('exifr') as typeof import('exifr');
const corpus = path.resolve(process.cwd(), '../shared/testdata/images');

let tmp: string;
let photos: string;
let client: InferenceClient;
let model: ModelFolder;

/** A sidecar as digiKam or Lightroom writes one (attributes, a keyword bag). */
function foreignXmp(fields: { rating?: number; orientation?: number; subjects?: string[] }): string {
  const attrs = [fields.rating === undefined ? '' : `xmp:Rating="${fields.rating}"`, fields.orientation === undefined ? '' : `tiff:Orientation="${fields.orientation}"`].join(' ');
  const bag = fields.subjects ? `<dc:subject><rdf:Bag>${fields.subjects.map((s) => `<rdf:li>${s}</rdf:li>`).join('')}</rdf:Bag></dc:subject>` : '';
  return `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmp:CreatorTool="digiKam-8.4.0" ${attrs}>${bag}</rdf:Description>
</rdf:RDF></x:xmpmeta>`;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-sidecars-'));
  photos = path.join(tmp, 'photos');
  await writeNoisePhoto(path.join(photos, 'a.jpg'), 1);
  await writeNoisePhoto(path.join(photos, 'b.jpg'), 2);
  await writeNoisePhoto(path.join(photos, 'c.jpg'), 3);
  await copyFile(path.join(corpus, 'exif/exiftool-makernotes/MWG.jpg'), path.join(photos, 'mwg.jpg'));
  await writeFile(path.join(photos, 'a.jpg.xmp'), foreignXmp({ rating: 4, subjects: ['space', 'NASA', 'Favorite'] }));
  await writeFile(path.join(photos, 'b.xmp'), foreignXmp({ rating: 2, orientation: 6 }));
  model = await loadModelFolder(testModelDir('transformers'));
  client = InferenceClient.start({ threads: 2 });
});

afterAll(async () => {
  await client.close();
  await rm(tmp, { recursive: true, force: true });
});

async function withLibrary<T>(use: (library: Library, index: () => ReturnType<Indexer['run']>) => Promise<T>): Promise<T> {
  const library = await openTestLibrary(path.join(tmp, 'library'), await libraryModelOf(model, client));
  try {
    if (!library.catalog.rootFor(photos)) library.catalog.addRoot(photos);
    return await use(library, () => new Indexer(library, client, model, { provider: 'cpu' }).run());
  } finally {
    await library.close();
  }
}

function marksOf(library: Library, name: string) {
  const photo = library.catalog.findByPath(path.join(photos, name));
  if (!photo) throw new Error(`${name} is not in the catalog`);
  return { rating: photo.rating, favourite: photo.favourite, rotation: photo.rotation, keywords: library.catalog.keywordsOf(photo.id).map((k) => k.keyword) };
}

it('reads marks from the photos and their sidecars, and a sidecar again only once it changed', { timeout: 120_000 }, async () => {
  await withLibrary(async (library, index) => {
    const first = await index();
    expect(first.indexed).toBe(4);
    expect(first.sidecars).toBe(2);
    expect(marksOf(library, 'mwg.jpg')).toMatchObject({ rating: 3, favourite: false });
    // digiKam's sidecar: stars, keywords, and its "Favorite" keyword as the heart, not a keyword.
    expect(marksOf(library, 'a.jpg')).toEqual({ rating: 4, favourite: true, rotation: 0, keywords: ['space', 'NASA'] });
    // Lightroom's IMG.xmp beside IMG.jpg: stars, and orientation 6 on an upright file is a quarter turn right.
    expect(marksOf(library, 'b.jpg')).toEqual({ rating: 2, favourite: false, rotation: 90, keywords: [] });
    expect(marksOf(library, 'c.jpg')).toEqual({ rating: 0, favourite: false, rotation: 0, keywords: [] });

    // The user changes b in Clipfolio; an unchanged sidecar does not undo that on the next scan.
    ratePhotos(library.catalog, [library.catalog.findByPath(path.join(photos, 'b.jpg'))?.id ?? ''], 5);
    expect((await index()).sidecars).toBe(0);
    expect(marksOf(library, 'b.jpg').rating).toBe(5);

    // Another program changes the sidecar: its stars come in.
    await writeFile(path.join(photos, 'b.xmp'), foreignXmp({ rating: 1, orientation: 6 }));
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(photos, 'b.xmp'), later, later);
    const again = await index();
    expect(again).toMatchObject({ sidecars: 1, indexed: 0 });
    expect(marksOf(library, 'b.jpg').rating).toBe(1);
  });
});

it('writes the marks to its own sidecars, which other programs read and the next scan does not take back', { timeout: 120_000 }, async () => {
  await withLibrary(async (library, index) => {
    const c = library.catalog.findByPath(path.join(photos, 'c.jpg'))?.id ?? '';
    ratePhotos(library.catalog, [c], 4);
    setFavourite(library.catalog, [c], true);
    rotatePhotos(library.catalog, [c], 'left');
    // A library without categories: the tags are its keywords alone.
    const noCategories: TagSet = { ids: [], rowOf: new Map(), categories: [], decisions: new Map() };
    const result = await writeLibrarySidecars(library.catalog, noCategories);
    // a.jpg.xmp is digiKam's: left alone.
    expect(result.skipped).toContain(sidecarPath(path.join(photos, 'a.jpg')));
    expect(result.written).toContain(sidecarPath(path.join(photos, 'c.jpg')));
    const parsed = (await exifr.sidecar(sidecarPath(path.join(photos, 'c.jpg')), { mergeOutput: false })) as { xmp: { Rating: number }; tiff: { Orientation: number }; dc: { subject: unknown } };
    expect(parsed.xmp.Rating).toBe(4);
    // Turned left on an upright file: EXIF orientation 8 ("rotate 270 CW").
    expect(parsed.tiff.Orientation).toBe(8);
    expect([parsed.dc.subject].flat()).toContain('Favorite');
    expect(await readFile(path.join(photos, 'c.jpg'))).toBeTruthy();

    // Its own sidecars are not read back as changes.
    expect((await index()).sidecars).toBe(0);
    expect(marksOf(library, 'c.jpg')).toEqual({ rating: 4, favourite: true, rotation: 270, keywords: [] });
  });
});
