// End to end in Chromium against the real backend (`clipfolio serve` with the known-answer
// model) on real photos from many cameras and years: the organizer essentials. Stars, the
// heart and quarter turns from the keys and the inspector, undone with Ctrl+Z; the filter
// bar's facets with counts that narrow each other, every year on the timeline; search that
// lists astronaut.png first for "astronaut", and offers a keyword the words name as a filter.
// Screenshots at 1440x900 and 1024x700, light and dark, go to test-results/e2e/.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testModelDir } from '../fixtures/test-models';
import { buildUi, launchChromium, newPage, screenshot, startServe, tempDir, type Server } from './harness';
import { tileNames, WAIT, waitForName, waitForPhotoCount } from './page-helpers';

const corpus = path.resolve(import.meta.dirname, '../../../shared/testdata/images');

/** Cameras from 1998 to 2008 with their EXIF, the skimage scenes (no EXIF), and the GPS series. */
async function makeLibrary(dir: string): Promise<{ photosDir: string; count: number }> {
  const photosDir = path.join(dir, 'Pictures');
  let count = 0;
  for (const [from, to] of [
    ['exif/exif-samples/cameras', 'cameras'],
    ['scenes/skimage', 'scenes'],
    ['exif/exif-samples/gps', 'Italia 2008'],
  ] as const) {
    await mkdir(path.join(photosDir, to), { recursive: true });
    for (const name of await readdir(path.join(corpus, from))) {
      if (!/\.(jpe?g|png)$/i.test(name)) continue;
      await copyFile(path.join(corpus, from, name), path.join(photosDir, to, name));
      count += 1;
    }
  }
  // Near-duplicates: a smaller and a blurred copy of the cat, a re-saved copy of the coffee.
  const scenes = path.join(corpus, 'scenes/skimage');
  await mkdir(path.join(photosDir, 'dupes'));
  await sharp(path.join(scenes, 'chelsea.png')).resize({ width: 200 }).png().toFile(path.join(photosDir, 'dupes', 'chelsea-small.png'));
  await sharp(path.join(scenes, 'chelsea.png')).blur(4).png().toFile(path.join(photosDir, 'dupes', 'chelsea-soft.png'));
  await sharp(path.join(scenes, 'coffee.png')).jpeg({ quality: 80 }).toFile(path.join(photosDir, 'dupes', 'coffee-copy.jpg'));
  return { photosDir, count: count + 3 };
}

describe('organizer essentials in Chromium against the real backend', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let total: number;
  let photosDir: string;

  const tile = (name: string) => page.locator(`.tile[aria-label^="${name},"]`);
  const search = () => page.getByRole('searchbox', { name: 'Search photos' });
  /** Brings a photo to the top of the grid by typing its name, and selects it. */
  async function pick(name: string): Promise<void> {
    await search().fill(name.replace(/\.\w+$/, ''));
    await page.locator('.grid-header', { hasText: 'Named' }).waitFor(WAIT);
    await tile(name).click();
  }
  const facet = (name: RegExp) => page.getByRole('toolbar', { name: 'Filters' }).getByRole('button', { name });

  beforeAll(async () => {
    buildUi();
    tmp = await tempDir('clipfolio-e2e-organizer-');
    const library = await makeLibrary(tmp.dir);
    // The trash is the test's own (the freedesktop trash under XDG_DATA_HOME), not the machine's.
    server = await startServe({
      libraryDir: path.join(tmp.dir, 'library'),
      modelDir: testModelDir('transformers'),
      home: path.join(tmp.dir, 'home'),
      env: { XDG_DATA_HOME: path.join(tmp.dir, 'data') },
    });
    photosDir = library.photosDir;
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByLabel('Folder path').fill(library.photosDir);
    await page.getByRole('button', { name: 'Add folder' }).click();
    await page.getByRole('listbox', { name: 'Library' }).waitFor(WAIT);
    // What counts is what the grid shows once indexing has ended (the progress row gone).
    await page.locator('.indexing-row').waitFor({ timeout: 30_000 }).catch(() => undefined);
    await page.locator('.indexing-row').waitFor({ state: 'detached', timeout: 120_000 });
    total = Number(/([\d,]+) photos?/.exec((await page.locator('.view-title .hint').textContent()) ?? '')?.[1]?.replace(',', ''));
    expect(total).toBeGreaterThan(30);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tmp?.remove();
  });

  it('rates, hearts and turns photos from the keys, shows it on the tiles, and Ctrl+Z takes it back', async () => {
    await pick('Nikon_D70.jpg');
    await page.keyboard.press('4');
    await expect.poll(() => tile('Nikon_D70.jpg').getAttribute('aria-label'), WAIT).toMatch(/4 stars/);
    await page.keyboard.press('f');
    await expect.poll(() => tile('Nikon_D70.jpg').getAttribute('aria-label'), WAIT).toMatch(/favourite, 4 stars/);
    await expect.poll(() => tile('Nikon_D70.jpg').locator('.tile-marks').textContent(), WAIT).toBe('♥★★★★');
    // The inspector shows the same, and its stars set them too.
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.getByRole('button', { name: '4 stars' }).getAttribute('aria-pressed'), WAIT).toBe('true');
    await inspector.getByRole('button', { name: '5 stars' }).click();
    await expect.poll(() => tile('Nikon_D70.jpg').getAttribute('aria-label'), WAIT).toMatch(/5 stars/);
    await page.keyboard.press('Control+z');
    await expect.poll(() => tile('Nikon_D70.jpg').getAttribute('aria-label'), WAIT).toMatch(/4 stars/);

    // A quarter turn right: the thumbnail turns, the file does not.
    await pick('Pentax_K10D.jpg');
    await page.keyboard.press('Control+]');
    await expect.poll(() => tile('Pentax_K10D.jpg').locator('img').getAttribute('style'), WAIT).toContain('rotate(90deg)');
    await pick('Canon_40D.jpg');
    await page.keyboard.press('2');
    await expect.poll(() => tile('Canon_40D.jpg').getAttribute('aria-label'), WAIT).toMatch(/2 stars/);
    await search().fill('Nikon');
    await screenshot(page, 'organizer-01-marks-1440');
    await search().fill('');
    await waitForPhotoCount(page, total);
  });

  it('shows a photo’s exposure, its place with a map link, and a file date said as such', async () => {
    const details = () => page.getByRole('complementary', { name: 'Inspector' }).locator('.photo-details');
    const row = (term: string) => details().locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
    await pick('Nikon_D70.jpg');
    await expect.poll(() => row('Exposure').textContent(), WAIT).toBe('1/200 s · f/9 · ISO 200 · 100 mm');
    expect(await row('Camera').textContent()).toBe('Nikon D70');
    await pick('DSCN0010.jpg');
    await expect.poll(() => row('Place').textContent(), WAIT).toMatch(/^43\.\d+° N, 11\.\d+° E Map$/);
    expect(await row('Place').getByRole('link', { name: 'Map' }).getAttribute('href')).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=43\./);
    await screenshot(page, 'organizer-01b-inspector-facts');
    await pick('coffee.png');
    await expect.poll(() => row('File date').textContent(), WAIT).toContain('(no date in the photo)');
    await search().fill('');
  });

  it('filters by rating and favourites from the filter bar, with counts', async () => {
    await facet(/^Rating/).click();
    const panel = page.getByRole('dialog', { name: 'Rating filter' });
    const countOf = (radio: string) => panel.locator('label').filter({ has: page.getByRole('radio', { name: radio }) }).locator('.facet-count').textContent();
    await expect.poll(() => countOf('3 stars or more'), WAIT).toBe('1');
    await expect.poll(() => countOf('Any rating'), WAIT).toBe(total.toLocaleString('en-US'));
    await panel.getByRole('radio', { name: '2 stars or more' }).check();
    await waitForPhotoCount(page, 2);
    expect((await tileNames(page)).sort()).toEqual(['Canon_40D.jpg', 'Nikon_D70.jpg']);
    await panel.getByRole('checkbox', { name: /Favourites only/ }).check();
    await waitForPhotoCount(page, 1);
    await screenshot(page, 'organizer-02-rating-filter');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForPhotoCount(page, total);
  });

  it('offers every year on the timeline, and picking one narrows the cameras to those of that year', async () => {
    await facet(/^Date/).click();
    const dates = page.getByRole('dialog', { name: 'Date filter' });
    const years = await dates.getByRole('group', { name: 'Years' }).locator('.bar-label').allTextContents();
    expect(years.length).toBeGreaterThanOrEqual(5);
    expect(years).toContain('2008');
    await dates.getByRole('button', { name: /^2008, / }).click();
    await page.getByRole('group', { name: 'Months of 2008' }).waitFor(WAIT);
    await screenshot(page, 'organizer-03-timeline');
    await page.keyboard.press('Escape');
    const in2008 = Number(/([\d,]+) photos?/.exec((await page.locator('.view-title .hint').textContent()) ?? '')?.[1]);
    expect(in2008).toBeGreaterThan(0);
    expect(in2008).toBeLessThan(total);
    await facet(/^Camera/).click();
    const cameras = page.getByRole('dialog', { name: 'Camera filter' }).getByRole('checkbox');
    const names = await page.getByRole('dialog', { name: 'Camera filter' }).locator('.facet-name').allTextContents();
    // Only 2008's cameras, named without the maker twice.
    expect(names).toContain('Nikon COOLPIX P6000');
    expect(names.some((n) => /NIKON CORPORATION|Nikon NIKON/i.test(n))).toBe(false);
    await cameras.first().check();
    await expect.poll(() => facet(/^Camera: /).count(), WAIT).toBe(1);
    await screenshot(page, 'organizer-04-camera-facet');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForPhotoCount(page, total);
  });

  it('search lists astronaut.png first for “astronaut”, and a keyword typed whole becomes a filter', async () => {
    await search().fill('astronaut');
    await page.locator('.grid-header', { hasText: 'Named “astronaut”' }).waitFor(WAIT);
    expect((await tileNames(page))[0]).toBe('astronaut.png');
    await screenshot(page, 'organizer-05-name-search');

    await tile('astronaut.png').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByLabel('Add keyword').fill('NASA, space');
    await inspector.getByLabel('Add keyword').press('Enter');
    await search().fill('nasa');
    await page.getByRole('group', { name: 'Use as a filter' }).getByRole('button', { name: /Keyword NASA/ }).waitFor(WAIT);
    await search().press('Enter');
    await expect.poll(() => search().inputValue(), WAIT).toBe('');
    await facet(/^Keyword: NASA/).waitFor(WAIT);
    await waitForPhotoCount(page, 1);
    await waitForName(page, 'astronaut.png', true);
    await screenshot(page, 'organizer-06-keyword-filter');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForPhotoCount(page, total);
  });

  it('moves a photo to the trash after asking, and Undo brings the file back; the desktop-only actions say so', async () => {
    await pick('coffee.png');
    await tile('coffee.png').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Photo actions' });
    await expect.poll(() => menu.getByRole('menuitem', { name: /^Show in file manager/ }).getAttribute('aria-disabled'), WAIT).toBe('true');
    expect(await menu.getByRole('menuitem', { name: /^Open with the default app/ }).textContent()).toContain('In the desktop app');
    await screenshot(page, 'organizer-07-menu-in-browser');
    await menu.getByRole('menuitem', { name: 'Move to Trash…' }).click();
    const ask = page.getByRole('dialog', { name: 'Move “coffee.png” to the Trash?' });
    await ask.getByRole('button', { name: 'Move to Trash' }).click();
    await page.getByText('Moved 1 photo to the Trash.').waitFor(WAIT);
    const file = path.join(photosDir, 'scenes', 'coffee.png');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(tmp.dir, 'data', 'Trash', 'files', 'coffee.png'))).toBe(true);
    await search().fill('');
    await waitForPhotoCount(page, total - 1);
    await page.locator('.grid-scroller').focus();
    await page.keyboard.press('Control+z');
    await waitForPhotoCount(page, total);
    expect(existsSync(file)).toBe(true);
  });

  it('copies the selection to a folder typed in the browser, with progress and a summary', async () => {
    await pick('chelsea.png');
    await tile('chelsea.png').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy to a folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy 1 photo to a folder' });
    await dialog.getByLabel('Copy to folder').fill(path.join(tmp.dir, 'stick'));
    await dialog.getByRole('button', { name: 'Copy 1 photo' }).click();
    await dialog.getByText(/1 photo copied to/).waitFor(WAIT);
    await screenshot(page, 'organizer-08-export-done');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await readdir(path.join(tmp.dir, 'stick'))).toEqual(['chelsea.png']);
    await search().fill('');
  });

  it('cleans up near-duplicates: the largest kept, the sharpest on request, the others trashed, "not duplicates" remembered', async () => {
    await page.getByRole('button', { name: 'Near-duplicates' }).click();
    const groupOf = (name: string) => page.locator('.duplicate-group').filter({ has: page.locator('.duplicate-name', { hasText: name }) });
    const cat = groupOf('chelsea-soft.png');
    await cat.waitFor(WAIT);
    expect((await cat.locator('.duplicate-name').allTextContents()).sort()).toEqual(['chelsea-small.png', 'chelsea-soft.png', 'chelsea.png']);
    // The largest by default: the original and the blurred copy have its size; the original is the bigger file.
    const kept = () => cat.getByRole('radio', { checked: true }).getAttribute('aria-label');
    await page.getByRole('radio', { name: 'the sharpest' }).check();
    await expect.poll(kept, WAIT).not.toBe('Keep chelsea-soft.png');
    await cat.locator('.sharpest').waitFor(WAIT);
    await screenshot(page, 'organizer-09-duplicates');
    // The user's pick wins: keep the small one, trash the two others.
    await cat.getByRole('radio', { name: 'Keep chelsea-small.png' }).click();
    await cat.getByRole('button', { name: /^Keep “chelsea-small.png”, trash 2 others/ }).click();
    await page.getByRole('dialog', { name: 'Move 2 photos to the Trash?' }).getByRole('button', { name: 'Move to Trash' }).click();
    await page.getByText('Moved 2 photos to the Trash.').waitFor(WAIT);
    await cat.waitFor({ state: 'detached', ...WAIT });
    expect(existsSync(path.join(photosDir, 'scenes', 'chelsea.png'))).toBe(false);
    expect(existsSync(path.join(photosDir, 'dupes', 'chelsea-small.png'))).toBe(true);

    const coffee = groupOf('coffee-copy.jpg');
    await coffee.getByRole('button', { name: 'Not duplicates' }).click();
    await coffee.waitFor({ state: 'detached', ...WAIT });
    // Remembered: after a reload the two are still apart.
    await page.reload();
    await page.getByRole('button', { name: 'Near-duplicates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Near-duplicates' }).waitFor(WAIT);
    await page.locator('.duplicates .hint', { hasText: /group/ }).waitFor(WAIT);
    expect(await groupOf('coffee-copy.jpg').count()).toBe(0);
    await page.getByRole('button', { name: /^Library/ }).click();
  });

  it('at 1024x700 keeps five columns with the first row in the top third; panels fold away and come back', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.reload();
    await page.getByRole('listbox', { name: 'Library' }).waitFor(WAIT);
    await page.locator('.tile').first().waitFor(WAIT);
    const rows = await page.evaluate<number[]>(`[...document.querySelectorAll('.tile')].map((t) => Math.round(t.getBoundingClientRect().top))`);
    const firstRow = Math.min(...rows);
    expect(rows.filter((top) => top === firstRow).length).toBeGreaterThanOrEqual(5);
    expect(firstRow).toBeLessThan(700 / 3);
    // The inspector waits for Ctrl+I at this width, then opens over the grid.
    expect(await page.getByRole('complementary', { name: 'Inspector' }).count()).toBe(0);
    await page.locator('.tile').first().click();
    await page.keyboard.press('Control+i');
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor(WAIT);
    await screenshot(page, 'organizer-10-1024-inspector-over-grid');
    await page.keyboard.press('Control+i');
    await page.keyboard.press('Control+b');
    await expect.poll(() => page.getByRole('navigation', { name: 'Library' }).count(), WAIT).toBe(0);
    await page.keyboard.press('Control+b');
    await page.getByRole('navigation', { name: 'Library' }).waitFor(WAIT);

    // The first Tab stop skips to the photos.
    await page.evaluate(`document.activeElement?.blur()`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(`document.activeElement?.textContent`)).toBe('Skip to photos');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(`document.activeElement?.className`)).toContain('grid-scroller');
  });

  it('screenshots: grid, filter bar, duplicates and inspector at 1440x900 and 1024x700, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const shot = await newPage(browser, server.url, scheme);
      for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
        await shot.setViewportSize({ width, height });
        await shot.getByRole('listbox', { name: 'Library' }).waitFor(WAIT);
        await shot.locator('.tile').first().click();
        if (width < 1280) await shot.keyboard.press('Control+i');
        await shot.getByRole('complementary', { name: 'Inspector' }).waitFor(WAIT);
        await shot.getByRole('toolbar', { name: 'Filters' }).getByRole('button', { name: /^Camera/ }).click();
        await screenshot(shot, `organizer-11-${scheme}-${width}-grid-filter-inspector`);
        await shot.keyboard.press('Escape');
        if (width < 1280) await shot.keyboard.press('Control+i');
        await shot.getByRole('button', { name: 'Near-duplicates' }).click();
        await shot.locator('.duplicate-group').first().waitFor(WAIT);
        await screenshot(shot, `organizer-12-${scheme}-${width}-duplicates`);
        await shot.getByRole('button', { name: /^Library/ }).click();
      }
      await shot.locator('.tile').first().dblclick();
      await shot.getByRole('dialog', { name: /^Photo / }).waitFor(WAIT);
      await screenshot(shot, `organizer-13-${scheme}-viewer`);
      await shot.context().close();
    }
  });
});
