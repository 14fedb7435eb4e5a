// Runs in: the CLI process. `clipfolio albums ...`: manual albums (ordered), smart albums
// (a saved search with filters) and category albums (live from tags, listed by category
// name). Showing a smart or category album runs the search or re-tag, so it opens the
// model; editing only needs the catalog.
import { Catalog } from '../../library/catalog';
import {
  addToAlbum,
  createManualAlbum,
  createSmartAlbum,
  deleteAlbum,
  listAlbums,
  moveInAlbum,
  removeFromAlbum,
} from '../../albums/album-store';
import { albumPhotoIds } from '../../search/photo-search';
import { findCategory, listCategories } from '../../tagging/category-store';
import { computeTags, photosWithCategory } from '../../tagging/tagger';
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { photoIdOf, withLibraryContext } from '../open-library-context';
import { modelOptions } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryDirOf, libraryOption } from '../open-library';
import { parseSearchQuery, searchFilterOptions } from './search';

const USAGE = [
  'usage: clipfolio albums list',
  '       clipfolio albums create NAME [PHOTO...] | add NAME PHOTO... | remove NAME PHOTO... | move NAME PHOTO POSITION',
  '       clipfolio albums smart NAME ["QUERY"] [--category C]... [--keyword K]... [--album A] [--from D] [--to D] [--camera C] [--folder DIR]',
  '       clipfolio albums show NAME | delete NAME        (all with [--library DIR] [--json])',
].join('\n');

export async function albumsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, ...modelOptions, ...searchFilterOptions, json: { type: 'boolean' } });
  const [action, name, ...rest] = positionals;
  if (action === 'show') {
    // Checked before withLibraryContext, which opens (and may first download) the model.
    if (!name || rest.length > 0) throw new UsageError(USAGE);
    return withLibraryContext(values, io, async (ctx) => {
      const album = listAlbums(ctx.catalog).find((a) => a.name.toLowerCase() === name.toLowerCase() || a.id === name);
      const ids = album
        ? await albumPhotoIds(ctx, album)
        : [...photosWithCategory(await computeTags(ctx), findCategory(ctx.catalog, name).id)];
      const paths = ids.flatMap((id) => ctx.catalog.getPhoto(id)?.path ?? []);
      if (values.json) printJson(io, paths);
      else for (const path of paths) printLine(io, path);
      return 0;
    });
  }
  const catalog = await Catalog.open(libraryDirOf(values));
  try {
    const photos = () => rest.map((p) => photoIdOf(catalog, p));
    let result: unknown;
    switch (action) {
      case 'list':
        result = [
          ...listAlbums(catalog).map((a) => ({ name: a.name, kind: a.kind, ...(a.kind === 'manual' ? { photos: a.photoIds.length } : { query: a.query }) })),
          ...listCategories(catalog).map((c) => ({ name: c.name, kind: 'category' })),
        ];
        break;
      case 'create':
        result = createManualAlbum(catalog, required(name), photos());
        break;
      case 'add':
        result = addToAlbum(catalog, idOfAlbum(catalog, required(name)), photos());
        break;
      case 'remove':
        result = removeFromAlbum(catalog, idOfAlbum(catalog, required(name)), photos());
        break;
      case 'move': {
        const [photo, position] = rest;
        const index = Number(position);
        if (!photo || !Number.isInteger(index) || index < 1) throw new UsageError(USAGE);
        result = moveInAlbum(catalog, idOfAlbum(catalog, required(name)), photoIdOf(catalog, photo), index - 1);
        break;
      }
      case 'smart':
        if (rest.length > 1) throw new UsageError(USAGE);
        result = createSmartAlbum(catalog, required(name), parseSearchQuery(catalog, rest[0] ?? null, values));
        break;
      case 'delete':
        result = deleteAlbum(catalog, required(name));
        break;
      default:
        throw new UsageError(USAGE);
    }
    if (values.json) printJson(io, result);
    else printLine(io, `${action} done`);
    return 0;
  } finally {
    await catalog.close();
  }
}

function required(name: string | undefined): string {
  if (!name) throw new UsageError(USAGE);
  return name;
}

function idOfAlbum(catalog: Catalog, name: string): string {
  const album = listAlbums(catalog).find((a) => a.name.toLowerCase() === name.toLowerCase() || a.id === name);
  if (!album) throw new UsageError(`no album named ${JSON.stringify(name)}`);
  return album.id;
}
