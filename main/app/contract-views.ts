// Runs in: main process and the bridge (plain Node). Domain records -> the contract's plain
// shapes. Only fields the UI needs cross; the compiler checks each against the contract.
import type {
  AlbumInfo,
  CategoryInfo,
  IndexingProgress,
  IndexingSummary,
  LibraryRootInfo,
  ModelSummary,
  PhotoInfo,
  PhotoTagInfo,
  SearchHitInfo,
  StarterCategoryInfo,
} from '../shared/api-contract';
import type { AlbumRecord, CategoryRecord, LibraryRoot, PhotoRecord } from '../library/catalog-schema';
import type { IndexProgress, IndexSummary } from '../library/indexer';
import type { ModelManifest } from '../models/manifests';
import type { ModelFolder } from '../models/model-folder';
import type { InstalledModel } from '../models/model-store';
import type { SearchHit } from '../search/photo-search';
import type { StarterCategory } from '../tagging/starter-categories';
import type { PhotoTag } from '../tagging/tagger';

export function rootView(root: Readonly<LibraryRoot>): LibraryRootInfo {
  return { id: root.id, path: root.path, addedAt: root.addedAt };
}

export function photoView(photo: Readonly<PhotoRecord>): PhotoInfo {
  return {
    id: photo.id,
    rootId: photo.rootId,
    path: photo.path,
    size: photo.size,
    width: photo.width,
    height: photo.height,
    takenAt: photo.takenAt,
    takenAtSource: photo.takenAtSource,
    camera: photo.camera ? { ...photo.camera } : null,
    exposure: photo.exposure ? { ...photo.exposure } : null,
    gps: photo.gps ? { ...photo.gps } : null,
    format: photo.format,
    status: photo.status,
    reason: photo.reason,
    duplicateOf: photo.duplicateOf,
    addedAt: photo.addedAt,
    rating: photo.rating,
    favourite: photo.favourite,
    rotation: photo.rotation,
  };
}

export function progressView(p: IndexProgress): IndexingProgress {
  return {
    queued: p.queued,
    done: p.done,
    failed: p.failed,
    skipped: p.skipped,
    imagesPerSecond: p.imagesPerSecond,
    etaSeconds: p.etaSeconds,
    currentFile: p.currentFile,
  };
}

export function summaryView(s: IndexSummary): IndexingSummary {
  return {
    indexed: s.indexed,
    unchanged: s.unchanged,
    moved: s.moved,
    removed: s.removed,
    duplicates: s.duplicates,
    skipped: s.skipped,
    failed: s.failed.map((f) => ({ path: f.path, reason: f.reason })),
    seconds: s.seconds,
    cancelled: s.cancelled,
  };
}

export function modelView(manifest: ModelManifest, installed: InstalledModel | undefined): ModelSummary {
  return {
    id: manifest.id,
    name: manifest.name,
    description: manifest.description ?? null,
    license: manifest.license,
    embeddingDim: manifest.embeddingDim,
    variants: [...manifest.variants],
    installed: installed
      ? { state: installed.state, variants: [...installed.variants], missing: [...installed.missing] }
      : null,
  };
}

/** The model a library is opened with from a folder no manifest names (--model DIR): listed all the same, as in use. */
export function folderModelView(model: Pick<ModelFolder, 'id' | 'dir' | 'variant' | 'embeddingDim'>): ModelSummary {
  return {
    id: model.id,
    name: model.id,
    description: `In use, from ${model.dir}`,
    license: 'as its folder states',
    embeddingDim: model.embeddingDim ?? 0,
    variants: [model.variant],
    installed: { state: 'complete', variants: [model.variant], missing: [] },
  };
}

export function categoryView(c: Readonly<CategoryRecord>): CategoryInfo {
  return {
    id: c.id,
    name: c.name,
    prompts: [...c.prompts],
    negativePrompts: [...c.negativePrompts],
    threshold: c.threshold,
    colour: c.colour,
    parentId: c.parentId,
    calibration: c.calibration
      ? { threshold: c.calibration.threshold, accepted: c.calibration.accepted, rejected: c.calibration.rejected, tagged: c.calibration.tagged }
      : null,
    learned: c.learned !== null,
  };
}

/** `counts`: photos per manual album (Catalog.albumCounts). */
export function albumView(a: Readonly<AlbumRecord>, counts: ReadonlyMap<string, number>): AlbumInfo {
  return a.kind === 'manual'
    ? { id: a.id, name: a.name, kind: 'manual', count: counts.get(a.id) ?? 0, createdAt: a.createdAt }
    : { id: a.id, name: a.name, kind: 'smart', query: { ...a.query }, createdAt: a.createdAt };
}

export function hitView(h: SearchHit): SearchHitInfo {
  return { photoId: h.photoId, path: h.path, score: h.score, match: h.match ?? null };
}

export function photoTagView(t: PhotoTag): PhotoTagInfo {
  return { name: t.name, categoryId: t.categoryId, score: t.score, source: t.source };
}

export function starterView(s: StarterCategory, enabled: boolean): StarterCategoryInfo {
  return { name: s.name, prompts: [...s.prompts], negativePrompts: [...s.negativePrompts], colour: s.colour, parent: s.parent ?? null, enabled };
}
