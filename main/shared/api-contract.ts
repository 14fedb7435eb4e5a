// Runs in: main, preload and renderer (and the browser bridge). The one API contract between
// the UI and the backend: every call's channel name and argument schema, every result and
// event shape. Main's handlers, the preload and the renderer's client are all typed from it,
// so a call missing on either side is a compile error. It imports zod and types only: no
// Node, no Electron, so the sandboxed renderer can import it too.
import { z } from 'zod';
import type { ErrorCode } from './errors';

// ---------------------------------------------------------------------------------------
// Envelope

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------
// Shapes that cross the boundary. Plain data, kept apart from the domain types so the
// renderer never type-checks Node modules; main's handlers map domain -> these.

export const PROVIDERS = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const MODEL_VARIANT_NAMES = ['fp32', 'quantized', 'fp16'] as const;
export type ModelVariantName = (typeof MODEL_VARIANT_NAMES)[number];

export interface AppInfo {
  version: string;
  platform: string;
  userDataDir: string;
  logFile: string;
  /** 'electron' in the desktop app, 'bridge' when served to a browser. */
  shell: 'electron' | 'bridge';
}

export interface AppSettings {
  /** Execution provider for inference; 'auto' tries the platform's accelerators first. */
  provider: ProviderName;
  /** Model the library is indexed with; a change applies when the library is next opened. */
  modelId: string;
  /** Absolute folder that photos dropped from outside the library are copied into (see main/app/photo-import.ts). */
  importDir: string;
}

export interface ModelSummary {
  id: string;
  name: string;
  description: string | null;
  license: string;
  embeddingDim: number;
  variants: ModelVariantName[];
  installed: { state: 'complete' | 'incomplete'; variants: ModelVariantName[]; missing: string[] } | null;
}

export interface ProvidersInfo {
  available: string[];
  auto: { chosen: string; reason: string };
}

export interface LibraryRootInfo {
  id: string;
  path: string;
  addedAt: string;
}

export type LibraryState =
  | {
      state: 'open';
      dir: string;
      modelId: string;
      photoCount: number;
      /** Moves whenever a photo record changes and only then: the same number means the photo list is unchanged. */
      photosRevision: number;
      /** Moves whenever categories, tag decisions, albums, keywords or the history change, from this window or another process. */
      changes: number;
      roots: LibraryRootInfo[];
      switchingModel: boolean;
      /** The photos' vectors are still being read: browsing works, searching and tags wait. */
      loading: boolean;
      /** Why the library's place is unsafe (a network share, a synced folder), in the user's words. */
      warning: string | null;
      /** What Undo and Redo would do, in the user's words; null when there is nothing. */
      undo: string | null;
      redo: string | null;
    }
  /** No usable model yet: download one (models.download) and the library opens. */
  | { state: 'needs-model'; dir: string; modelId: string };

export type PhotoStatusName = 'pending' | 'indexed' | 'failed' | 'skipped';

export interface PhotoInfo {
  id: string;
  rootId: string;
  path: string;
  size: number;
  width: number | null;
  height: number | null;
  takenAt: string | null;
  /** 'file' when no date was in the photo and takenAt is its file's modification time. */
  takenAtSource: 'exif' | 'file' | null;
  camera: { make: string | null; model: string | null; lens: string | null } | null;
  /** Shutter in seconds, aperture as f-number, ISO, focal length in mm; each null when not recorded. */
  exposure: { time: number | null; fNumber: number | null; iso: number | null; focalLength: number | null } | null;
  gps: { lat: number; lon: number; alt?: number } | null;
  format: string | null;
  status: PhotoStatusName;
  reason: string | null;
  duplicateOf: string | null;
  /** ISO time the photo was first catalogued; Recent imports is ordered by it. */
  addedAt: string;
  /** Stars, 0 (none) to 5. */
  rating: number;
  favourite: boolean;
  /** Degrees clockwise the user turned it, on top of the camera's orientation: 0, 90, 180 or 270. */
  rotation: number;
}

export interface PhotoPage {
  total: number;
  photos: PhotoInfo[];
}

/** The photos changed since a revision: their records now, in catalog order, and those removed. */
export interface PhotoChanges {
  revision: number;
  photos: PhotoInfo[];
  removed: string[];
}

export interface IndexingProgress {
  queued: number;
  done: number;
  failed: number;
  skipped: number;
  imagesPerSecond: number;
  etaSeconds: number | null;
  currentFile: string | null;
}

export interface IndexingSummary {
  indexed: number;
  unchanged: number;
  moved: number;
  removed: number;
  duplicates: number;
  skipped: number;
  failed: { path: string; reason: string }[];
  seconds: number;
  cancelled: boolean;
}

export interface IndexingStatus {
  state: 'idle' | 'running' | 'paused';
  progress: IndexingProgress | null;
  lastSummary: IndexingSummary | null;
  lastError: ApiError | null;
}

export interface CategoryInfo {
  id: string;
  name: string;
  prompts: string[];
  negativePrompts: string[];
  /** The user's own cutoff; null uses the default. */
  threshold: number | null;
  colour: string;
  parentId: string | null;
  /** The last re-tag: the cut in force, the corrections and the photos tagged. */
  calibration: { threshold: number; accepted: number; rejected: number; tagged: number } | null;
  /** Whether the user applied learning from corrections (its query moved). */
  learned: boolean;
}

/**
 * What the corrections of a category suggest for all of it, in photos; nothing changes
 * until the user applies it (categories:learn) or keeps the category as it is.
 */
export interface LearningSuggestionInfo {
  categoryId: string;
  /** Names this suggestion for categories:learn and categories:keep. */
  key: string;
  cut: { from: number; to: number };
  /** The category's description moves towards its accepted photos and away from its rejected ones. */
  movesQuery: boolean;
  /** Photos that would gain / lose the tag. */
  joins: string[];
  leaves: string[];
  accepted: number;
  rejected: number;
}

/** One class of a labelled folder, as a model sorted it (eval/zero-shot-eval.ts). */
export interface ClassEvaluation {
  name: string;
  photos: number;
  /** Share of its photos predicted as it. */
  accuracy: number;
  /** Photos a category of this name tags (calibrated decision, default cut). */
  tagged: number;
  /** Of those tagged, the share that are in this class; null when none are tagged. */
  precision: number | null;
  /** Of this class's photos, the share tagged. */
  recall: number;
}

/** How well one model sorts a folder of labelled photos (`clipfolio eval`, Settings > Model). */
export interface ModelEvaluation {
  model: string;
  templates: 'category' | 'imagenet';
  /** Photos evaluated (those that could be read). */
  photos: number;
  top1: number;
  top5: number;
  classes: ClassEvaluation[];
  /** The most frequent mistakes, most first. */
  confusions: { actual: string; predicted: string; photos: number }[];
  photosPerSecond: number;
  /** Photos whose embedding came from the library. */
  reused: number;
  failed: { path: string; reason: string }[];
}

/** What a correction did. */
export interface DecisionResult {
  /** Photos the decision changed. */
  changed: number;
}

export type AlbumInfo =
  | { id: string; name: string; kind: 'manual'; /** Photos in it. */ count: number; createdAt: string }
  | { id: string; name: string; kind: 'smart'; query: SearchQueryInput; createdAt: string };

export interface SearchHitInfo {
  photoId: string;
  path: string;
  /** Cosine with the query; null for a filter-only query and a name match. */
  score: number | null;
  /** What of the photo the search text named (listed before what merely looks like it); null otherwise. */
  match: 'keyword' | 'category' | 'album' | 'name' | 'folder' | null;
}

/** Which photos carry each keyword, category and album: what the filter bar counts and narrows by. */
export interface MembershipsInfo {
  keywords: { name: string; photoIds: string[] }[];
  categories: { id: string; photoIds: string[] }[];
  albums: { id: string; photoIds: string[] }[];
}

/** Photos copied to a folder (photos:export). */
export interface ExportSummary {
  dir: string;
  copied: number;
  /** Files given another name because theirs was taken in the folder. */
  renamed: number;
  failed: { path: string; reason: string }[];
  cancelled: boolean;
}

/** What an undo or redo did, and files the user has to put back (or away) by hand. */
export interface HistoryReplay {
  label: string | null;
  leftOver: { path: string; reason: string }[];
}

/** A keyword, category or album the search text names: the search box offers it as a filter. */
export interface NamedTermInfo {
  kind: 'keyword' | 'category' | 'album';
  /** The keyword, or the category's or album's id. */
  value: string;
  name: string;
  exact: boolean;
}

/** Where a photo's tag comes from: the category's own cut, the user's decision, or an imported keyword. */
export type TagSourceName = 'auto' | 'accepted' | 'rejected' | 'keyword';

export interface PhotoTagInfo {
  name: string;
  /** null for a keyword. */
  categoryId: string | null;
  /** The calibrated score (0 is the default cut); null for a keyword or a photo not embedded yet. */
  score: number | null;
  source: TagSourceName;
}

/** An unsaved category: what the editor's form holds before it is saved. */
export interface CategoryDraftInput {
  name: string;
  prompts: string[];
  negativePrompts: string[];
}

export interface CategoryPreviewHit {
  photoId: string;
  /** Calibrated score of the draft on this photo; compare it with a threshold. */
  score: number;
  /** The user's decision on the saved category being edited, if any. */
  decision: 'accepted' | 'rejected' | null;
}

/**
 * A draft category's scores: every photo scoring at least minScore, best first, so the
 * editor can move its threshold over them without asking again.
 */
export interface CategoryPreview {
  /** The cut a category uses when the user set none. */
  defaultThreshold: number;
  /** Photos scored (the library's embedded photos). */
  scored: number;
  hits: CategoryPreviewHit[];
  /** True when more photos passed minScore than the limit let through. */
  truncated: boolean;
  /** Photos tagged at each cut asked for (options.cuts), decided as a re-tag decides: the sidebar's count at the same cut. */
  counts: { cut: number; tagged: number }[];
}

export interface StarterCategoryInfo {
  name: string;
  prompts: string[];
  negativePrompts: string[];
  colour: string;
  /** Name of the starter it sits under, if any. */
  parent: string | null;
  /** A category of this name is already in the library. */
  enabled: boolean;
}

export interface XmpExportSummary {
  written: number;
  /** Sidecars left alone because another program wrote them. */
  skipped: string[];
}

/** What a drop of files and folders from the OS brought in, and what it left out. */
export interface ImportResult {
  /** Folders to index now: dropped folders (library folders now) and the import folders copies went to. */
  folders: string[];
  /** Each import's path: a dropped folder's own, or where a photo is (or was copied to). */
  paths: string[];
  skipped: { name: string; reason: string }[];
  /** Photos from outside the library whose exact content it already has: not copied; `path` is the photo there (also in `paths`). */
  existing: { name: string; path: string }[];
}

export interface ThumbnailCacheInfo {
  dir: string;
  files: number;
  bytes: number;
}

export interface ModelDownloadProgressEvent {
  modelId: string;
  path: string;
  fileIndex: number;
  fileCount: number;
  receivedBytes: number;
  totalBytes: number | null;
}

// ---------------------------------------------------------------------------------------
// Argument schemas. Strings that name files are bounded so a hostile payload cannot make
// main allocate or stat something absurd; ids are the catalog's 16-character base32.

const id = z.string().regex(/^[0-9a-hjkmnp-tv-z]{16}$/, 'must be a catalog id');
const folderPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'must not contain NUL');

const ids = z.array(id).max(100_000);
const shortText = z.string().trim().min(1).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO date');
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be #rrggbb');
const threshold = z.number().min(-100).max(100).nullable();
const prompts = z.array(z.string().trim().min(1).max(300)).max(50);

/** Free text and filters, combined with AND; what a smart album saves. */
export const searchQuerySchema = z.strictObject({
  text: z.string().max(1000).nullable(),
  categoryIds: ids.max(100).optional(),
  keywords: z.array(shortText).max(100).optional(),
  albumId: id.optional(),
  takenFrom: isoDate.optional(),
  takenTo: isoDate.optional(),
  camera: shortText.optional(),
  folder: folderPath.optional(),
  minRating: z.number().int().min(1).max(5).optional(),
  favourites: z.boolean().optional(),
});
export type SearchQueryInput = z.infer<typeof searchQuerySchema>;

const categoryDraft = z.strictObject({ name: shortText, prompts, negativePrompts: prompts });
const previewOptions = z.strictObject({
  /** Leave out photos scoring below this: the loosest cut the editor's slider reaches. */
  minScore: z.number().min(-100).max(100).optional(),
  limit: z.number().int().positive().max(10_000).optional(),
  /** The saved category being edited, so hits carry the user's decisions on it. */
  categoryId: id.optional(),
  /** Cuts to count tagged photos at (the slider's positions). */
  cuts: z.array(z.number().min(-100).max(100)).max(200).optional(),
});

const searchOptions = z.strictObject({ limit: z.number().int().positive().max(10_000).optional(), noCut: z.boolean().optional() });

declare const resultType: unique symbol;

/** One call: its argument tuple schema, and (as a type only) what it returns. */
export interface CallSpec<A extends z.ZodTuple = z.ZodTuple, R = unknown> {
  readonly args: A;
  readonly [resultType]?: R;
}

function call<R>() {
  return <A extends z.ZodTuple>(args: A): CallSpec<A, R> => ({ args });
}

export const calls = {
  'app:info': call<AppInfo>()(z.tuple([])),

  'settings:get': call<AppSettings>()(z.tuple([])),
  'settings:update': call<AppSettings>()(
    z.tuple([
      z.strictObject({
        provider: z.enum(PROVIDERS).optional(),
        modelId: z.string().min(1).max(200).optional(),
        importDir: folderPath.optional(),
      }),
    ]),
  ),

  'models:list': call<ModelSummary[]>()(z.tuple([])),
  'models:download': call<LibraryState>()(
    z.tuple([z.string().min(1).max(200), z.enum(MODEL_VARIANT_NAMES).optional()]),
  ),
  'models:providers': call<ProvidersInfo>()(z.tuple([])),

  'library:state': call<LibraryState>()(z.tuple([])),
  'library:addRoot': call<LibraryRootInfo>()(z.tuple([folderPath])),
  'library:removeRoot': call<{ removedPhotos: number }>()(z.tuple([id])),
  /** A page of photos in catalog order, by key: the page after the photo `after` (the first without). */
  'library:listPhotos': call<PhotoPage>()(
    z.tuple([
      z.strictObject({
        after: id.optional(),
        limit: z.number().int().positive().max(5000),
        rootId: id.optional(),
        status: z.enum(['pending', 'indexed', 'failed', 'skipped']).optional(),
      }),
    ]),
  ),
  'library:getPhoto': call<PhotoInfo>()(z.tuple([id])),
  /**
   * The photos changed since the window listed them at photosRevision `since` (LibraryState);
   * null when only listing them all again can tell.
   */
  'library:photoChanges': call<PhotoChanges | null>()(z.tuple([z.number().int().nonnegative()])),
  /** The desktop app's native folder dialog (to add folders, or the one folder to export to): the folders chosen, [] when cancelled; null where there is none (a browser). */
  'library:pickFolders': call<string[] | null>()(z.tuple([z.enum(['add', 'export']).optional()])),
  /** Files and folders dropped from the OS, by path (see main/app/photo-import.ts); index result.folders next. */
  'library:importPaths': call<ImportResult>()(z.tuple([z.array(folderPath).min(1).max(1000)])),
  'library:thumbnailCache': call<ThumbnailCacheInfo>()(z.tuple([])),
  /** Deletes every cached thumbnail; each is made again from its photo when next shown. */
  'library:clearThumbnailCache': call<ThumbnailCacheInfo>()(z.tuple([])),

  /** Gives photos 0 (none) to 5 stars; returns how many changed. */
  'photos:rate': call<{ changed: number }>()(z.tuple([ids.min(1), z.number().int().min(0).max(5)])),
  'photos:favourite': call<{ changed: number }>()(z.tuple([ids.min(1), z.boolean()])),
  /** Turns photos a quarter left or right, in the catalog only (the files stay as they are). */
  'photos:rotate': call<{ changed: number }>()(z.tuple([ids.min(1), z.enum(['left', 'right'])])),
  /** Shows the photo's file in the file manager (desktop app only: DESKTOP_ONLY elsewhere). */
  'photos:showInFolder': call<null>()(z.tuple([id])),
  /** Opens the photo with the system's default app for it (desktop app only). */
  'photos:open': call<null>()(z.tuple([id])),
  /** Moves the photos' files to the system's trash; their records, vectors and thumbnails go, one undo brings all back. */
  'photos:trash': call<{ trashed: number; failed: { path: string; reason: string }[] }>()(z.tuple([ids.min(1)])),
  /** Copies the photos' original files into a folder, names kept (a taken name gets " (2)"); progress as export:progress. */
  'photos:export': call<ExportSummary>()(z.tuple([ids.min(1), folderPath])),
  /** Stops the export in progress after the file being copied. */
  'photos:cancelExport': call<null>()(z.tuple([])),
  /** How sharp each photo looks (its thumbnail's focus measure), to pick the best of near-duplicates; null where there is no thumbnail. Compare within a group only. */
  'photos:sharpness': call<(number | null)[]>()(z.tuple([ids.min(1).max(1000)])),
  /** Says these photos are not duplicates of each other: the near-duplicate groups leave them apart from then on (undoable). */
  'photos:notDuplicates': call<null>()(z.tuple([ids.min(2).max(10_000)])),

  /** Takes back the last edit (of this window, the CLI or another window); the label says what, null when there was nothing. Trashed files come back too. */
  'history:undo': call<HistoryReplay>()(z.tuple([])),
  /** Makes the last undone edit again. */
  'history:redo': call<HistoryReplay>()(z.tuple([])),

  'indexing:start': call<IndexingStatus>()(
    z.tuple([z.strictObject({ folders: z.array(folderPath).max(1000).optional() }).optional()]),
  ),
  /** Reads the files that failed again (a fixed file, a permission granted) and indexes them. */
  'indexing:retryFailed': call<IndexingStatus>()(z.tuple([])),
  'indexing:pause': call<IndexingStatus>()(z.tuple([])),
  'indexing:resume': call<IndexingStatus>()(z.tuple([])),
  'indexing:cancel': call<IndexingStatus>()(z.tuple([])),
  'indexing:status': call<IndexingStatus>()(z.tuple([])),

  'categories:list': call<CategoryInfo[]>()(z.tuple([])),
  'categories:add': call<CategoryInfo>()(
    z.tuple([
      z.strictObject({
        name: shortText,
        prompts: prompts.optional(),
        negativePrompts: prompts.optional(),
        threshold: threshold.optional(),
        colour: colour.optional(),
        parentId: id.nullable().optional(),
      }),
    ]),
  ),
  'categories:update': call<CategoryInfo>()(
    z.tuple([
      id,
      z.strictObject({
        prompts: prompts.optional(),
        negativePrompts: prompts.optional(),
        threshold: threshold.optional(),
        colour: colour.optional(),
        /** Null moves the category to the top level. */
        parentId: id.nullable().optional(),
      }),
    ]),
  ),
  'categories:remove': call<null>()(z.tuple([id])),
  /** Scores an unsaved category against the library; nothing is stored. */
  'categories:preview': call<CategoryPreview>()(z.tuple([categoryDraft, previewOptions.optional()])),
  'categories:starters': call<StarterCategoryInfo[]>()(z.tuple([])),
  /** Adds the named starters (all when none are named) that are not there yet; returns those added. */
  'categories:enableStarters': call<CategoryInfo[]>()(z.tuple([z.array(shortText).max(100).optional()])),

  /** What learning from the category's corrections would change, or null. */
  'categories:suggestion': call<LearningSuggestionInfo | null>()(z.tuple([id])),
  /** Applies the suggestion named by its key; refused when it no longer stands. */
  'categories:learn': call<CategoryInfo>()(z.tuple([id, shortText])),
  /** Keeps the category as it is; the suggestion is not offered again until corrections change. */
  'categories:keep': call<CategoryInfo>()(z.tuple([id, shortText])),

  /** Accept or reject a category on photos (those photos only); null forgets the decision. Answers once it is durable. */
  'tags:decide': call<DecisionResult>()(z.tuple([ids.min(1), id, z.enum(['accepted', 'rejected']).nullable()])),
  /**
   * Near-identical photos of these whose tag for the category differs from a decision on
   * them: what a correction offers afterwards, never changes silently. Its own call, as it
   * scans the whole library (a tenth of a second at a million photos, longer while indexing
   * shares the worker) and the correction must not wait for it.
   */
  'tags:lookAlikes': call<string[]>()(z.tuple([ids.min(1), id, z.enum(['accepted', 'rejected'])])),
  /** A photo's categories (auto or accepted), the ones the user rejected, and its keywords. */
  'tags:ofPhoto': call<PhotoTagInfo[]>()(z.tuple([id])),
  /** Writes XMP sidecars next to the photos (opt-in: only when the user asks). */
  'tags:exportXmp': call<XmpExportSummary>()(z.tuple([])),
  /** Adds keywords of the user's own to photos; one a photo has already (in any case) is skipped. */
  'tags:addKeywords': call<null>()(z.tuple([ids.min(1), z.array(shortText).min(1).max(100)])),
  /** Removes a keyword from a photo, whether the user added it or it came with the photo. */
  'tags:removeKeyword': call<null>()(z.tuple([id, shortText])),

  'albums:list': call<AlbumInfo[]>()(z.tuple([])),
  'albums:createManual': call<AlbumInfo>()(z.tuple([shortText, ids.optional()])),
  'albums:createSmart': call<AlbumInfo>()(z.tuple([shortText, searchQuerySchema])),
  'albums:addPhotos': call<AlbumInfo>()(z.tuple([id, ids])),
  'albums:removePhotos': call<AlbumInfo>()(z.tuple([id, ids])),
  'albums:delete': call<null>()(z.tuple([id])),
  /** The photo ids of an album, a smart album's evaluated now. */
  'albums:photos': call<string[]>()(z.tuple([id])),
  /** Moves photos of a manual album, as a block, to position `index` (0-based) of the order its other photos keep. */
  'albums:movePhotos': call<AlbumInfo>()(z.tuple([id, ids.min(1), z.number().int().nonnegative().max(10_000_000)])),
  /** Renames an album; the name follows createManual's rules (trimmed, unique ignoring case). */
  'albums:rename': call<AlbumInfo>()(z.tuple([id, shortText])),
  /** Moves an album to position `index` (0-based) of the albums' order; returns every album in the new order. */
  'albums:move': call<AlbumInfo[]>()(z.tuple([id, z.number().int().nonnegative().max(100_000)])),

  /** The installed models compared on a folder whose first-level folders are classes; progress as eval:progress events. */
  'eval:run': call<ModelEvaluation[]>()(z.tuple([folderPath, z.enum(['category', 'imagenet']).optional()])),

  'search:photos': call<SearchHitInfo[]>()(z.tuple([searchQuerySchema, searchOptions.optional()])),
  /** Keywords, categories and albums whose names the text starts (case and accents ignored), exact ones first. */
  'search:terms': call<NamedTermInfo[]>()(z.tuple([z.string().max(200)])),
  'search:similar': call<SearchHitInfo[]>()(z.tuple([id, searchOptions.optional()])),
  /** Groups of near-identical photos (cosine >= minScore), biggest first. */
  /** The photos of every keyword, category (tagged now) and album (a smart one evaluated now). */
  'search:memberships': call<MembershipsInfo>()(z.tuple([])),
  'search:duplicates': call<SearchHitInfo[][]>()(z.tuple([z.strictObject({ minScore: z.number().min(0.5).max(1).optional() }).optional()])),
} as const satisfies Record<string, CallSpec>;

export type Calls = typeof calls;
export type Channel = keyof Calls;
export type CallArgs<C extends Channel> = z.input<Calls[C]['args']>;
export type ParsedArgs<C extends Channel> = z.output<Calls[C]['args']>;
export type CallResult<C extends Channel> = Calls[C] extends CallSpec<z.ZodTuple, infer R> ? R : never;

export const CHANNELS = Object.keys(calls) as Channel[];

// ---------------------------------------------------------------------------------------
// Events, main -> UI.

export interface Events {
  'indexing:progress': IndexingStatus;
  'library:changed': LibraryState;
  'models:downloadProgress': ModelDownloadProgressEvent;
  /** A menu command for the window (Edit > Undo, Redo). */
  'app:command': { command: 'undo' | 'redo' };
  /** How far a model comparison (eval:run) has got. */
  'eval:progress': { model: string; done: number; total: number };
  /** How far an export (photos:export) has got. */
  'export:progress': { done: number; total: number };
}

export type EventName = keyof Events;

export const EVENT_NAMES = [
  'indexing:progress',
  'library:changed',
  'models:downloadProgress',
  'app:command',
  'eval:progress',
  'export:progress',
] as const satisfies readonly EventName[];

/** What the preload (and the browser client) carries for an event. */
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: Events[E];
}

// ---------------------------------------------------------------------------------------
// Transport names both ends must agree on.

/** Photos by catalog id in the desktop app: `clipfolio-photo://thumb/<id>`, `.../full/<id>`. */
export const PHOTO_SCHEME = 'clipfolio-photo';
/** The header carrying the bridge's token on API calls. */
export const BRIDGE_TOKEN_HEADER = 'x-clipfolio-token';
/**
 * The bridge's upload of one dropped file, since a browser never reveals its path: POST the
 * bytes to `${BRIDGE_IMPORT_PATH}?name=<file name>&modified=<File.lastModified>`; the answer
 * is a Result<ImportResult>.
 */
export const BRIDGE_IMPORT_PATH = '/import';

export type PhotoKind = 'thumb' | 'full';

/** Where the UI loads a photo from: the app's scheme, or the bridge's same-origin path. */
export function photoUrl(kind: PhotoKind, id: string, desktop: boolean): string {
  return desktop ? `${PHOTO_SCHEME}://${kind}/${id}` : `/photo/${kind}/${id}`;
}

// ---------------------------------------------------------------------------------------
// The client shape: `api.library.addRoot(path)` for channel 'library:addRoot'.

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type MethodName<C extends string> = C extends `${string}:${infer M}` ? M : never;

export type ApiClient = {
  [N in Namespace<Channel>]: {
    [C in Channel as C extends `${N}:${string}` ? MethodName<C> : never]: (
      ...args: CallArgs<C>
    ) => Promise<Result<CallResult<C>>>;
  };
} & {
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

/** window.api in the desktop app: the contract plus what only the preload can do. */
export type DesktopApi = ApiClient & {
  /** The path of a file or folder dropped from the OS. */
  pathForFile(file: File): string;
};

/**
 * Builds the client from one transport. The preload passes ipcRenderer.invoke, the browser
 * client passes fetch to the bridge; both get exactly the contract's methods.
 */
export function createApiClient(
  invoke: (channel: Channel, args: unknown[]) => Promise<Result<unknown>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void,
): ApiClient {
  const client: Record<string, Record<string, (...args: unknown[]) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const [namespace = '', method = ''] = channel.split(':');
    client[namespace] ??= {};
    client[namespace][method] = (...args: unknown[]) => invoke(channel, args);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener);
  return Object.assign(client, { on }) as unknown as ApiClient;
}
