// Runs in: main. Keeps downloaded models in <modelsDir>/<safe id>/, one folder per manifest:
// fetches what a variant lacks, skips what is already there and verified, and says which
// installed folders are usable. Hashes computed while downloading are kept in a small record
// file so files are not re-hashed on every start.

import type { Dirent } from 'node:fs';
import { readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClipfolioError, errorMessage } from '../shared/errors';
import type { DownloadProgress } from './downloader';
import { downloadFile, sha256File } from './downloader';
import type { ManifestFile, ModelManifest } from './manifests';
import { manifestFilesFor } from './manifests';
import type { ModelFolder, ModelVariant } from './model-folder';
import { loadModelFolder, MODEL_VARIANTS } from './model-folder';
import { readModelJson } from './read-model-json';

/** Per model folder: what was verified, so a restart does not re-hash gigabytes. */
const FILE_RECORD = 'clipfolio-files.json';

type FileRecord = Record<string, { size: number; sha256: string }>;

export interface ModelDownloadProgress extends DownloadProgress {
  /** The file's path inside the model folder, as in the manifest. */
  path: string;
  fileIndex: number;
  fileCount: number;
}

export interface EnsureModelOptions {
  modelsDir: string;
  /** Defaults to the manifest's defaultVariant. */
  variant?: ModelVariant;
  onProgress?: (progress: ModelDownloadProgress) => void;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Passed to downloadFile; tests shorten it. */
  retryDelayMs?: number;
}

export interface InstalledModel {
  /** Manifest id when the folder belongs to a manifest, else the folder name. */
  id: string;
  dir: string;
  manifestId: string | null;
  state: 'complete' | 'incomplete';
  /** Variants whose files are all present. */
  variants: ModelVariant[];
  /** For an incomplete manifest model: the default variant's missing files, relative paths. */
  missing: string[];
  /** For an incomplete folder without a manifest: why it cannot be loaded. */
  problem: string | null;
}

/** 'Xenova/clip-vit-base-patch32' -> 'Xenova--clip-vit-base-patch32', safe on every file system. */
export function modelDirName(id: string): string {
  const name = id.replace(/\//g, '--').replace(/[^A-Za-z0-9._-]/g, '_');
  if (/^\.*$/.test(name)) throw new ClipfolioError('INVALID_ARGUMENT', `'${id}' cannot name a model folder`);
  return name;
}

export async function ensureModel(manifest: ModelManifest, options: EnsureModelOptions): Promise<ModelFolder> {
  const variant = options.variant ?? manifest.defaultVariant;
  const files = manifestFilesFor(manifest, variant);
  const dir = path.join(options.modelsDir, modelDirName(manifest.id));
  const record = await readRecord(dir);

  for (const [fileIndex, file] of files.entries()) {
    const dest = destination(dir, file);
    if (await isVerified(dir, dest, file, record)) continue;
    const result = await downloadFile({
      url: file.url,
      dest,
      expectedSize: file.size,
      sha256: file.sha256,
      signal: options.signal,
      fetchImpl: options.fetchImpl,
      retryDelayMs: options.retryDelayMs,
      onProgress: (progress) => options.onProgress?.({ ...progress, path: file.path, fileIndex, fileCount: files.length }),
    });
    record[file.path] = { size: result.size, sha256: result.sha256 };
    await writeRecord(dir, record);
  }

  const folder = await loadModelFolder(dir, { variant, id: manifest.id });
  if (folder.layout !== manifest.layout) {
    throw new ClipfolioError(
      'MODEL_INVALID',
      `Manifest '${manifest.id}' says layout '${manifest.layout}' but ${dir} has the '${folder.layout}' layout.`,
    );
  }
  return folder;
}

/**
 * Every folder under `modelsDir` with its state. Folders named after a manifest are checked
 * against its file list; others (copied in by hand) by trying to load each variant.
 */
export async function findModelFolders(
  modelsDir: string,
  manifests: readonly ModelManifest[] = [],
): Promise<InstalledModel[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(modelsDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ClipfolioError('INTERNAL', `Cannot list the models folder ${modelsDir}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  const byDirName = new Map(manifests.map((m) => [modelDirName(m.id), m]));
  const found: InstalledModel[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(modelsDir, entry.name);
    const manifest = byDirName.get(entry.name);
    found.push(manifest ? await inspectManifestFolder(dir, manifest) : await inspectLooseFolder(dir, entry.name));
  }
  return found;
}

async function inspectManifestFolder(dir: string, manifest: ModelManifest): Promise<InstalledModel> {
  const missingBy = new Map<ModelVariant, string[]>();
  for (const variant of manifest.variants) {
    const missing: string[] = [];
    for (const file of manifestFilesFor(manifest, variant)) {
      if ((await fileSize(destination(dir, file))) === null) missing.push(file.path);
    }
    missingBy.set(variant, missing);
  }
  const variants = manifest.variants.filter((v) => missingBy.get(v)?.length === 0);
  return {
    id: manifest.id,
    dir,
    manifestId: manifest.id,
    state: variants.length > 0 ? 'complete' : 'incomplete',
    variants,
    missing: variants.length > 0 ? [] : (missingBy.get(manifest.defaultVariant) ?? []),
    problem: null,
  };
}

async function inspectLooseFolder(dir: string, name: string): Promise<InstalledModel> {
  const variants: ModelVariant[] = [];
  let problem: string | null = null;
  for (const variant of MODEL_VARIANTS) {
    try {
      await loadModelFolder(dir, { variant });
      variants.push(variant);
    } catch (err) {
      problem ??= errorMessage(err);
    }
  }
  return {
    id: name,
    dir,
    manifestId: null,
    state: variants.length > 0 ? 'complete' : 'incomplete',
    variants,
    missing: [],
    problem: variants.length > 0 ? null : problem,
  };
}

/**
 * A file counts as present when its size and hash match what the manifest knows. Without a
 * manifest hash, a file recorded by an earlier download must still have its recorded size;
 * one placed by hand is taken as is, since nothing more can be checked.
 */
async function isVerified(dir: string, dest: string, file: ManifestFile, record: FileRecord): Promise<boolean> {
  const size = await fileSize(dest);
  if (size === null || (file.size !== null && size !== file.size)) return false;
  const known = record[file.path];
  if (file.sha256 === null) return known === undefined || known.size === size;
  if (known?.sha256 === file.sha256 && known.size === size) return true;
  const actual = await sha256File(dest);
  if (actual !== file.sha256) return false;
  record[file.path] = { size, sha256: actual };
  await writeRecord(dir, record);
  return true;
}

function destination(dir: string, file: ManifestFile): string {
  return path.join(dir, ...file.path.split('/'));
}

async function readRecord(dir: string): Promise<FileRecord> {
  // A damaged record only costs re-verification, so it is dropped rather than reported.
  const raw = await readModelJson(path.join(dir, FILE_RECORD), false).catch(() => undefined);
  return raw !== null && typeof raw === 'object' ? (raw as FileRecord) : {};
}

async function writeRecord(dir: string, record: FileRecord): Promise<void> {
  const file = path.join(dir, FILE_RECORD);
  await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}
