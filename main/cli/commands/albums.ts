// Runs in: the CLI process. `clipfolio albums ...`: manual albums (ordered), smart albums
// (a saved search with filters) and category albums (live from tags, listed by category
// name); albums are renamed, reordered (the sidebar's order) and deleted as in the app.
// Showing a smart or category album runs the search or re-tag, so it opens the model;
// editing only needs the catalog. Positions are 1-based, as a person counts.
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
import type { AlbumRecord } from '../../library/catalog-schema';
import { findCategory, listCategories } from '../../tagging/category-store';
import { computeTags, photosWithCategory } from '../../tagging/tagger';
import { printJson, printLine, UsageError, libraryOf, type CliIo } from '../cli-io';
import { photoIdOf } from '../library-access';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';
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
    return libraryOf(io).withModel(values, io, async ({ ctx }) => {
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
  const { catalog } = libraryOf(io);
  const photos = () => rest.map((p) => photoIdOf(io, catalog, p));
  let result: AlbumRecord | readonly AlbumRecord[];
  switch (action) {
    case 'list': {
      const counts = catalog.albumCounts();
      const rows = [
        ...listAlbums(catalog).map((a) => ({ name: a.name, kind: a.kind, ...(a.kind === 'manual' ? { photos: counts.get(a.id) ?? 0 } : { query: a.query }) })),
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
      result = moveInAlbum(catalog, findAlbum(catalog, required(name)).id, [photoIdOf(io, catalog, photo)], indexOf(position));
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
      result = createSmartAlbum(catalog, required(name), parseSearchQuery(io, catalog, rest[0] ?? null, values));
      break;
    case 'delete':
      if (rest.length > 0) throw new UsageError(albumsUsage);
      result = deleteAlbum(catalog, required(name));
      break;
    default:
      throw new UsageError(albumsUsage);
  }
  // A manual album comes with its photos, in its order.
  const withPhotos = (album: AlbumRecord) => (album.kind === 'manual' ? { ...album, photoIds: catalog.albumPhotoIds(album.id) } : album);
  if (values.json) printJson(io, isList(result) ? result.map(withPhotos) : withPhotos(result));
  else printLine(io, `${action} done`);
  return 0;
}

function isList(result: AlbumRecord | readonly AlbumRecord[]): result is readonly AlbumRecord[] {
  return Array.isArray(result);
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
