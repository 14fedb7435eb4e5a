// Unit tests for the catalog: indexes, batched flushing and recovery from a corrupt file.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Catalog, CATALOG_BACKUP_FILE, CATALOG_FILE, type CatalogWarning } from '../../../main/library/catalog';
import { isId } from '../../../main/library/photo-id';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-catalog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const photoDir = '/photos';
function photoInput(rootId: string, i: number) {
  return { rootId, path: `${photoDir}/img-${i}.jpg`, size: 1000 + i, mtimeMs: 1_700_000_000_000 + i };
}

async function readJson(file: string): Promise<{ photos: unknown[]; roots: unknown[] }> {
  return JSON.parse(await readFile(file, 'utf8')) as { photos: unknown[]; roots: unknown[] };
}

describe('Catalog', () => {
  it('round-trips roots, photos and settings with working indexes', async () => {
    const catalog = await Catalog.open(dir);
    const root = catalog.addRoot(photoDir);
    expect(catalog.addRoot(`${photoDir}/`)).toBe(root);
    const a = catalog.upsertPhoto({ ...photoInput(root.id, 1), hash: 'h1' });
    const b = catalog.upsertPhoto({ ...photoInput(root.id, 2), hash: 'h1' });
    catalog.upsertPhoto(photoInput(root.id, 3));
    expect(isId(a.id)).toBe(true);
    expect(a.status).toBe('pending');
    catalog.updatePhoto(b.id, { duplicateOf: a.id, width: 640, height: 480 });
    catalog.setStatus(a.id, 'indexed');
    catalog.setSetting('theme', { dark: true });
    await catalog.close();
    expect(() => catalog.addRoot('/elsewhere')).toThrow(/closed/);

    const reopened = await Catalog.open(dir);
    expect(reopened.warnings).toEqual([]);
    expect(reopened.roots()).toEqual([root]);
    expect(reopened.photoCount).toBe(3);
    expect(reopened.getPhoto(a.id)?.status).toBe('indexed');
    expect(reopened.getPhoto(a.id)?.indexedAt).toMatch(/^\d{4}-/);
    expect(reopened.findByPath(`${photoDir}/img-2.jpg`)?.id).toBe(b.id);
    expect(reopened.findByHash('h1').map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(reopened.getSetting('theme')).toEqual({ dark: true });
    expect([...reopened.photos()].map((p) => p.id)).toContain(b.id);

    // Upserting the same path updates in place and keeps the id.
    const again = reopened.upsertPhoto({ ...photoInput(root.id, 2), size: 5, hash: 'h2' });
    expect(again.id).toBe(b.id);
    expect(reopened.findByHash('h1').map((p) => p.id)).toEqual([a.id]);
    expect(reopened.findByHash('h2').map((p) => p.id)).toEqual([b.id]);

    const moved = reopened.movePhoto(a.id, `${photoDir}/sub/renamed.jpg`);
    expect(moved.id).toBe(a.id);
    expect(reopened.findByPath(`${photoDir}/img-1.jpg`)).toBeUndefined();
    expect(reopened.findByPath(`${photoDir}/sub/renamed.jpg`)?.id).toBe(a.id);
    expect(() => reopened.movePhoto(a.id, `${photoDir}/img-3.jpg`)).toThrow(/already belongs/);
    expect(() => reopened.movePhoto(a.id, '/outside/x.jpg')).toThrow(/outside/);

    expect(reopened.removePhoto(a.id)).toBe(true);
    expect(reopened.removePhoto(a.id)).toBe(false);
    expect(reopened.getPhoto(b.id)?.duplicateOf).toBeNull();
    expect(reopened.findByHash('h1')).toEqual([]);
    await reopened.close();
  });

  it('refuses nested roots and removes a root with its photos', async () => {
    const catalog = await Catalog.open(dir);
    const root = catalog.addRoot(photoDir);
    expect(() => catalog.addRoot(`${photoDir}/inner`)).toThrow(/overlaps/);
    expect(() => catalog.addRoot('/')).toThrow(/overlaps/);
    const other = catalog.addRoot('/photos-2');
    const kept = catalog.upsertPhoto({ rootId: other.id, path: '/photos-2/x.jpg', size: 1, mtimeMs: 1 });
    const ids = [1, 2, 3].map((i) => catalog.upsertPhoto(photoInput(root.id, i)).id);
    expect(catalog.removeRoot(root.id).sort()).toEqual(ids.sort());
    expect(catalog.photoCount).toBe(1);
    expect(catalog.getPhoto(kept.id)).toBeDefined();
    expect(() => catalog.upsertPhoto(photoInput(root.id, 9))).toThrow(/no library folder/);
    await catalog.close();
  });

  it('moves the photos revision on every photo change and on nothing else', async () => {
    const catalog = await Catalog.open(dir);
    const root = catalog.addRoot(photoDir);
    catalog.setSetting('theme', 'dark');
    catalog.updateTable('albums', (albums) => albums);
    expect(catalog.photosRevision).toBe(0);
    const seen = [catalog.photosRevision];
    const changed = () => {
      expect(catalog.photosRevision).toBeGreaterThan(seen.at(-1) ?? 0);
      seen.push(catalog.photosRevision);
    };
    const photo = catalog.upsertPhoto(photoInput(root.id, 1));
    changed();
    catalog.upsertPhoto({ ...photoInput(root.id, 1), size: 5 });
    changed();
    catalog.setStatus(photo.id, 'indexed');
    changed();
    catalog.movePhoto(photo.id, `${photoDir}/moved.jpg`);
    changed();
    expect(catalog.removePhotos(['0123456789abcdef'])).toBe(0);
    expect(catalog.photosRevision).toBe(seen.at(-1));
    catalog.removeRoot(root.id);
    changed();
    await catalog.close();
  });

  it('batches many mutations into one file write', async () => {
    const catalog = await Catalog.open(dir, { flushIntervalMs: 600_000 });
    const root = catalog.addRoot(photoDir);
    const before = catalog.stats().flushes;
    for (let batch = 0; batch < 100; batch++) {
      for (let i = 0; i < 100; i++) catalog.upsertPhoto(photoInput(root.id, batch * 100 + i));
      await nextTick();
    }
    expect(catalog.stats().flushes).toBe(before);
    expect((await readJson(join(dir, CATALOG_FILE))).photos).toHaveLength(0);
    await catalog.flush();
    expect(catalog.stats().flushes).toBe(before + 1);
    await catalog.flush();
    expect(catalog.stats().flushes).toBe(before + 1);
    expect((await readJson(join(dir, CATALOG_FILE))).photos).toHaveLength(10_000);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await catalog.close();
  });

  it('flushes on its own after the interval, once per burst', async () => {
    const catalog = await Catalog.open(dir, { flushIntervalMs: 20 });
    const root = catalog.addRoot(photoDir);
    const before = catalog.stats().flushes;
    for (let i = 0; i < 1000; i++) catalog.upsertPhoto(photoInput(root.id, i));
    await vi.waitFor(() => expect(catalog.stats().flushes).toBeGreaterThan(before), { timeout: 10_000 });
    expect(catalog.stats().flushes).toBe(before + 1);
    expect((await readJson(join(dir, CATALOG_FILE))).photos).toHaveLength(1000);
    await catalog.close();
  });

  it('recovers from a corrupt catalog.json with the backup of the last clean open', async () => {
    const first = await Catalog.open(dir);
    const root = first.addRoot(photoDir);
    first.upsertPhoto(photoInput(root.id, 1));
    await first.close();
    // This open succeeds and refreshes catalog.json.bak with one photo.
    const second = await Catalog.open(dir);
    second.upsertPhoto(photoInput(root.id, 2));
    await second.close();
    await writeFile(join(dir, CATALOG_FILE), '{"schemaVersion":1,"photos":[{"id":"tr');

    const warnings: CatalogWarning[] = [];
    const recovered = await Catalog.open(dir, { onWarning: (w) => warnings.push(w) });
    expect(recovered.warnings).toEqual(warnings);
    expect(warnings.map((w) => w.code)).toEqual(['RECOVERED_FROM_BACKUP']);
    expect(warnings[0]?.message).toMatch(/not valid JSON.*moved to .*catalog\.json\.corrupt-/);
    expect(recovered.photoCount).toBe(1);
    expect(recovered.findByPath(`${photoDir}/img-1.jpg`)).toBeDefined();
    const names = await readdir(dir);
    expect(names.filter((n) => n.startsWith(`${CATALOG_FILE}.corrupt-`))).toHaveLength(1);
    // The recovered data was written back as the new catalog.json.
    expect((await readJson(join(dir, CATALOG_FILE))).photos).toHaveLength(1);
    await recovered.close();
  });

  it('keeps path and hash lookups right when photos change before the first lookup', async () => {
    const first = await Catalog.open(dir);
    const root = first.addRoot(photoDir);
    const [a, b, c] = [1, 2, 3].map((i) => first.upsertPhoto({ ...photoInput(root.id, i), hash: 'h1' }).id);
    await first.close();

    // The reopened catalog builds its path and hash indexes only when first asked.
    const reopened = await Catalog.open(dir);
    reopened.updatePhoto(a ?? '', { hash: 'h2' });
    reopened.removePhoto(b ?? '');
    expect(reopened.findByHash('h1').map((p) => p.id)).toEqual([c]);
    expect(reopened.findByHash('h2').map((p) => p.id)).toEqual([a]);
    expect(reopened.findByPath(`${photoDir}/img-2.jpg`)).toBeUndefined();
    expect(reopened.findByPath(`${photoDir}/img-3.jpg`)?.id).toBe(c);
    await reopened.close();
  });

  it('links the backup to the catalog it opened and keeps it through later flushes', async () => {
    const first = await Catalog.open(dir);
    const root = first.addRoot(photoDir);
    first.upsertPhoto(photoInput(root.id, 1));
    await first.close();
    // A temp name left by a crash mid-refresh does not stop the next one.
    await writeFile(join(dir, `${CATALOG_BACKUP_FILE}.tmp`), 'stale');

    for (let open = 0; open < 2; open++) {
      const catalog = await Catalog.open(dir);
      const [main, backup] = await Promise.all([stat(join(dir, CATALOG_FILE)), stat(join(dir, CATALOG_BACKUP_FILE))]);
      expect(backup.ino).toBe(main.ino);
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      await catalog.close();
    }

    const catalog = await Catalog.open(dir);
    catalog.upsertPhoto(photoInput(root.id, 2));
    await catalog.close();
    expect((await readJson(join(dir, CATALOG_FILE))).photos).toHaveLength(2);
    expect((await readJson(join(dir, CATALOG_BACKUP_FILE))).photos).toHaveLength(1);
  });

  it('starts empty, with a warning, when the backup is unreadable too', async () => {
    await writeFile(join(dir, CATALOG_FILE), 'not json');
    await writeFile(join(dir, CATALOG_BACKUP_FILE), '[]');
    const catalog = await Catalog.open(dir);
    expect(catalog.warnings.map((w) => w.code)).toEqual(['STARTED_EMPTY']);
    expect(catalog.photoCount).toBe(0);
    const names = await readdir(dir);
    expect(names.filter((n) => n.includes('.corrupt-'))).toHaveLength(2);
    await catalog.close();
  });

  it('refuses a catalog from a newer version without moving it aside', async () => {
    const text = JSON.stringify({ schemaVersion: 99, photos: [] });
    await writeFile(join(dir, CATALOG_FILE), text);
    await expect(Catalog.open(dir)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(await readFile(join(dir, CATALOG_FILE), 'utf8')).toBe(text);
  });

  it('dates a new photo once, keeps that date through updates and moves, and dates a record without one by its file', async () => {
    const catalog = await Catalog.open(dir);
    const root = catalog.addRoot(photoDir);
    const before = new Date().toISOString();
    const photo = catalog.upsertPhoto(photoInput(root.id, 1));
    const { addedAt } = photo;
    expect(addedAt >= before && addedAt <= new Date().toISOString()).toBe(true);
    catalog.upsertPhoto({ ...photoInput(root.id, 1), size: 7 });
    catalog.setStatus(photo.id, 'indexed');
    expect(catalog.movePhoto(photo.id, `${photoDir}/moved.jpg`).addedAt).toBe(addedAt);
    await catalog.close();

    const file = join(dir, CATALOG_FILE);
    const data = (await readJson(file)) as { photos: Record<string, unknown>[] };
    const [record] = data.photos;
    delete record?.addedAt;
    await writeFile(file, JSON.stringify(data));
    const text = await readFile(file, 'utf8');
    const reopened = await Catalog.open(dir);
    expect(reopened.getPhoto(photo.id)?.addedAt).toBe(new Date(1_700_000_000_001).toISOString());
    await reopened.close();
    // Opening alone does not rewrite the catalog.
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
