// Runs in: main. Reads the model manifests in the repository's models/ folder: which public
// ONNX exports Clipfolio knows how to download, from where, and what to expect of each file.
// Sizes and hashes are null where nobody has recorded them; the downloader then checks what
// the server reports and records what it computed.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ClipfolioError } from '../shared/errors';
import { MODEL_VARIANTS } from './model-folder';
import type { ModelVariant } from './model-folder';
import { readModelJson } from './read-model-json';

/** The model a fresh install uses (see DESIGN.md, "Default model"). */
export const DEFAULT_MODEL_ID = 'Xenova/clip-vit-base-patch32';

const variantSchema = z.enum(MODEL_VARIANTS as [ModelVariant, ...ModelVariant[]]);

/** A relative path that stays inside the model folder, whatever the manifest says. */
const insidePath = z
  .string()
  .min(1)
  .refine(
    (p) => !path.isAbsolute(p) && !/^[a-zA-Z]:/.test(p) && p.split(/[\\/]/).every((part) => part !== '..' && part !== ''),
    'must be a relative path inside the model folder',
  );

const manifestFileSchema = z.object({
  path: insidePath,
  url: z.url({ protocol: /^https$/ }),
  size: z.number().int().nonnegative().nullable(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')
    .nullable(),
  /** Absent: every variant needs the file (configs, tokenizer). */
  variant: variantSchema.optional(),
});

const manifestSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    layout: z.enum(['transformers', 'immich']),
    license: z.string().min(1),
    embeddingDim: z.number().int().positive(),
    variants: z.array(variantSchema).min(1),
    defaultVariant: variantSchema,
    notes: z.string().optional(),
    files: z.array(manifestFileSchema).min(1),
  })
  .superRefine((m, ctx) => {
    if (!m.variants.includes(m.defaultVariant)) {
      ctx.addIssue({ code: 'custom', path: ['defaultVariant'], message: `'${m.defaultVariant}' is not in variants` });
    }
    const seen = new Set<string>();
    m.files.forEach((file, i) => {
      if (file.variant && !m.variants.includes(file.variant)) {
        ctx.addIssue({ code: 'custom', path: ['files', i, 'variant'], message: `'${file.variant}' is not in variants` });
      }
      if (seen.has(file.path)) {
        ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: `'${file.path}' is listed twice` });
      }
      seen.add(file.path);
    });
  });

export type ModelManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** Every manifest in `manifestDir`, sorted by id; one invalid file fails the whole list. */
export async function listManifests(manifestDir: string): Promise<ModelManifest[]> {
  let names: string[];
  try {
    names = (await readdir(manifestDir)).filter((name) => name.endsWith('.json')).sort();
  } catch (err) {
    throw new ClipfolioError('NOT_FOUND', `Cannot read the model manifest folder ${manifestDir}`, { cause: err });
  }
  const manifests: ModelManifest[] = [];
  for (const name of names) {
    const file = path.join(manifestDir, name);
    const result = manifestSchema.safeParse(await readModelJson(file, true));
    if (!result.success) {
      throw new ClipfolioError('MODEL_INVALID', `Model manifest ${file} is invalid: ${z.prettifyError(result.error)}`);
    }
    manifests.push(result.data);
  }
  const ids = new Set<string>();
  for (const manifest of manifests) {
    if (ids.has(manifest.id)) {
      throw new ClipfolioError('MODEL_INVALID', `Two manifests in ${manifestDir} share the id '${manifest.id}'`);
    }
    ids.add(manifest.id);
  }
  return manifests.sort((a, b) => a.id.localeCompare(b.id));
}

export async function getManifest(manifestDir: string, id: string): Promise<ModelManifest> {
  const manifests = await listManifests(manifestDir);
  const manifest = manifests.find((m) => m.id === id);
  if (!manifest) {
    throw new ClipfolioError(
      'NOT_FOUND',
      `No model manifest with id '${id}' in ${manifestDir}; known: ${manifests.map((m) => m.id).join(', ')}`,
    );
  }
  return manifest;
}

/** The files one variant needs: the shared ones plus that variant's graphs. */
export function manifestFilesFor(manifest: ModelManifest, variant: ModelVariant): ManifestFile[] {
  if (!manifest.variants.includes(variant)) {
    throw new ClipfolioError(
      'INVALID_ARGUMENT',
      `Model '${manifest.id}' has no '${variant}' variant; it has ${manifest.variants.join(', ')}`,
    );
  }
  return manifest.files.filter((file) => file.variant === undefined || file.variant === variant);
}
