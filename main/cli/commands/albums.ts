// Runs in: the CLI process. `clipfolio albums ...`: manual albums (ordered), smart albums
// (a saved search with filters) and category albums (live from tags, listed by category
// name); albums are renamed, reordered (the sidebar's order) and deleted as in the app.
// Showing a smart or category album runs the search or re-tag, so it opens the model;
// editing only needs the catalog. Positions are 1-based, as a person counts.
import { Catalog } from '../../library/catalog';
import {
  addToAlbum,
  createManualAlbum,
  createSmartAlbum,
  deleteAlbum,
  findAlbum,
  listAlbums,
  moveAlbum,
  moveInAlbum,
  removeFromAlbum,
  renameAlbum,
} from '../../albums/album-store';
import { albumPhotoIds } from '../../search/photo-search';
import { findCategory, listCategories } from '../../tagging/category-store';
import { computeTags, photosWithCategory } from '../../tagging/tagger';
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { photoIdOf, withLibraryContext } from '../open-library-context';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryDirOf, libraryOption, libraryUsage } from '../open-library';
import { parseSearchQuery, searchFilterOptions, searchFilterUsage } from './search';

export const albumsUsage = [
  'usage: clipfolio albums list',
  '       clipfolio albums create NAME [PHOTO...] | add NAME PHOTO... | remove NAME PHOTO... | move NAME PHOTO POSITION',
  '       clipfolio albums rename NAME NEW-NAME | reorder NAME POSITION',
  `       clipfolio albums smart NAME ["QUERY"] ${searchFilterUsage}`,
  '       clipfolio albums show NAME | delete NAME',
  `       (all with ${libraryUsage} ${modelUsage} [--json])`,
].join('\n');

export async function albumsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, ...modelOptions, ...searchFilterOptions, json: { type: 'boolean' } });
  const [action, name, ...rest] = positionals;
  if (action === 'show') {
    // Checked before withLibraryContext, which opens (and may first download) the model.
    if (!name || rest.length > 0) throw new UsageError(albumsUsage);
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
      case 'list': {
        const rows = [
          ...listAlbums(catalog).map((a) => ({ name: a.name, kind: a.kind, ...(a.kind === 'manual' ? { photos: a.photoIds.length } : { query: a.query }) })),
          ...listCategories(catalog).map((c) => ({ name: c.name, kind: 'category' })),
        ];
        if (values.json) printJson(io, rows);
        else for (const row of rows) printLine(io, `${row.name}\t${row.kind}`);
        return 0;
      }
      case 'create':
        result = createManualAlbum(catalog, required(name), photos());
        break;
      case 'add':
        result = addToAlbum(catalog, findAlbum(catalog, required(name)).id, photos());
        break;
      case 'remove':
        result = removeFromAlbum(catalog, findAlbum(catalog, required(name)).id, photos());
        break;
      case 'move': {
        const [photo, position, ...extra] = rest;
        if (!photo || extra.length > 0) throw new UsageError(albumsUsage);
        result = moveInAlbum(catalog, findAlbum(catalog, required(name)).id, photoIdOf(catalog, photo), indexOf(position));
        break;
      }
      case 'rename': {
        const [newName, ...extra] = rest;
        if (!newName || extra.length > 0) throw new UsageError(albumsUsage);
        result = renameAlbum(catalog, required(name), newName);
        break;
      }
      case 'reorder': {
        const [position, ...extra] = rest;
        if (extra.length > 0) throw new UsageError(albumsUsage);
        result = moveAlbum(catalog, required(name), indexOf(position));
        break;
      }
      case 'smart':
        if (rest.length > 1) throw new UsageError(albumsUsage);
        result = createSmartAlbum(catalog, required(name), parseSearchQuery(catalog, rest[0] ?? null, values));
        break;
      case 'delete':
        if (rest.length > 0) throw new UsageError(albumsUsage);
        result = deleteAlbum(catalog, required(name));
        break;
      default:
        throw new UsageError(albumsUsage);
    }
    if (values.json) printJson(io, result);
    else printLine(io, `${action} done`);
    return 0;
  } finally {
    await catalog.close();
  }
}

function required(name: string | undefined): string {
  if (!name) throw new UsageError(albumsUsage);
  return name;
}

/** A 1-based POSITION argument as a 0-based index. */
function indexOf(position: string | undefined): number {
  const index = Number(position);
  if (!position || !Number.isInteger(index) || index < 1) throw new UsageError(albumsUsage);
  return index - 1;
}
