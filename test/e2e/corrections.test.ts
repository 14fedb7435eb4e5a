// End to end in Chromium against the real backend (`clipfolio serve` with the known-answer
// model): corrections that never surprise, and nothing destroyed by one click. A 40-photo
// category loses exactly the photo the user rejects, the editor's count says what the
// sidebar says, Undo (the notice's button, or Ctrl+Z) puts it back, and the keyboard stays
// on the photo that took its place; deleting an album asks first and Undo brings it back
// with its photos in order; Delete takes photos out of an album; a cut the user set by hand
// survives five rejections; what the corrections suggest for the whole category is shown
// in photos and changes the category only when the user applies it.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testModelDir } from '../fixtures/test-models';
import { buildUi, launchChromium, makePhotoLibrary, newPage, screenshot, startServe, tempDir, type PhotoLibrary, type Server } from './harness';
import { tileNames, WAIT, waitForName, waitForPhotoCount } from './page-helpers';

/** Forty shades of red (every one well inside "red" for the known-answer model) and a few others. */
const SHADES = {
  red: Array.from({ length: 40 }, (_, i) => [180 + (i % 8) * 10, (i * 7) % 40, (i * 11) % 40]),
  green: [[20, 220, 30], [0, 250, 0], [30, 190, 20]],
  blue: [[10, 30, 230], [0, 0, 250]],
};

describe('corrections in Chromium against the real backend', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let library: PhotoLibrary;
  let server: Server;
  let browser: Browser;
  let page: Page;

  const category = () => page.getByRole('button', { name: /^red\b/ });
  const sidebarCount = async () => Number((await category().locator('.sidebar-count').textContent()) ?? Number.NaN);
  const editorCount = async (dialog: ReturnType<Page['getByRole']>) =>
    Number(/([\d,]+) matching photo/.exec((await dialog.getByRole('heading', { name: /matching photo/ }).textContent()) ?? '')?.[1]?.replace(',', '') ?? Number.NaN);

  /** Rejects "red" on the first photo of the category's view, from the inspector; returns its name. */
  async function rejectFirst(): Promise<string> {
    await page.locator('.tile').first().click();
    const name = (await page.locator('.inspector-title').textContent()) ?? '';
    await page.getByRole('button', { name: 'Reject red' }).click();
    await waitForName(page, name, false);
    return name;
  }

  beforeAll(async () => {
    buildUi();
    tmp = await tempDir('clipfolio-e2e-corrections-');
    library = await makePhotoLibrary(tmp.dir, SHADES);
    server = await startServe({ libraryDir: path.join(tmp.dir, 'library'), modelDir: testModelDir('transformers'), home: path.join(tmp.dir, 'home') });
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    await page.getByLabel('Folder path').fill(library.photosDir);
    await page.getByRole('button', { name: 'Add folder' }).click();
    await waitForPhotoCount(page, library.count);
    await page.getByRole('button', { name: '+ New category' }).click();
    const dialog = page.getByRole('dialog', { name: 'New category' });
    await dialog.getByLabel('Name').fill('red');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByRole('button', { name: 'Save' }).waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tmp?.remove();
  });

  it('rejecting one photo of a 40-photo category leaves 39, and the editor says 39', async () => {
    await expect.poll(sidebarCount, WAIT).toBe(40);
    await category().click();
    await waitForPhotoCount(page, 40);
    expect((await tileNames(page)).every((n) => library.colourOf.get(n) === 'red')).toBe(true);
    const rejected = await rejectFirst();
    await page.getByText('Removed 1 photo from red.').waitFor(WAIT);
    await waitForPhotoCount(page, 39);
    await expect.poll(sidebarCount, WAIT).toBe(39);
    // Near-identical reds are offered in a notice of their own, and left as they are.
    await page.getByText(/near-identical photos? (is|are) still tagged red\./).waitFor(WAIT);
    await screenshot(page, 'corrections-01-rejected-one');
    expect(await sidebarCount()).toBe(39);

    await page.getByRole('button', { name: 'Edit category red' }).click();
    const dialog = page.getByRole('dialog', { name: 'Category: red' });
    await expect.poll(() => editorCount(dialog), WAIT).toBe(39);
    // One rejection is an exception its own decision settles: nothing is suggested.
    expect(await page.getByRole('region', { name: 'Suggestion for red' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(library.colourOf.get(rejected)).toBe('red');

    // The notice's Undo puts the photo back, and the editor agrees again.
    await page.locator('.notice', { hasText: 'Removed 1 photo from red.' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(sidebarCount, WAIT).toBe(40);
    await waitForPhotoCount(page, 40);
    await page.getByRole('button', { name: 'Edit category red' }).click();
    await expect.poll(() => editorCount(page.getByRole('dialog', { name: 'Category: red' })), WAIT).toBe(40);
    await page.getByRole('dialog', { name: 'Category: red' }).getByRole('button', { name: 'Close' }).click();
    await screenshot(page, 'corrections-01b-undone');
  });

  it('keeps the keyboard on the photo that took the rejected one’s place, and Ctrl+Z takes the rejection back', async () => {
    await category().click();
    await waitForPhotoCount(page, 40);
    await page.locator('.tile').nth(1).click();
    const second = (await tileNames(page))[2];
    await page.getByRole('button', { name: 'Reject red' }).click();
    await waitForPhotoCount(page, 39);
    // The photo after it is selected now, and the grid has the keyboard.
    await page.locator('.inspector-title', { hasText: second ?? '' }).waitFor(WAIT);
    await page.keyboard.press('Control+z');
    await waitForPhotoCount(page, 40);
    await expect.poll(sidebarCount, WAIT).toBe(40);
    await page.locator('.notice', { hasText: /^Undone: Reject “red” on 1 photo/ }).last().waitFor(WAIT);
  });

  it('asks before deleting an album, and Undo brings it back with its photos in order; Delete takes photos out of it', async () => {
    await category().click();
    await waitForPhotoCount(page, 40);
    const names = (await tileNames(page)).slice(0, 3);
    await page.locator('.tile').nth(0).click();
    await page.locator('.tile').nth(2).click({ modifiers: ['Shift'] });
    await page.getByLabel('Add to album').selectOption({ label: 'New album…' });
    await page.getByLabel('New album name').fill('Lisbon');
    await page.getByLabel('New album name').press('Enter');
    const album = page.getByRole('button', { name: /^Lisbon/ });
    await album.click();
    await waitForPhotoCount(page, 3);
    expect(await tileNames(page)).toEqual(names);
    // Alt+Right moves the focused photo one place later in the album's own order.
    await page.locator('.tile').nth(0).click();
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => tileNames(page), WAIT).toEqual([names[1], names[0], names[2]]);
    const order = await tileNames(page);

    await album.hover();
    await page.getByRole('button', { name: 'Delete album Lisbon' }).click();
    const ask = page.getByRole('dialog', { name: 'Delete album “Lisbon”?' });
    await ask.getByText('3 photos stay in your library').waitFor(WAIT);
    await screenshot(page, 'corrections-04-delete-album-asks');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await album.waitFor(WAIT);
    await album.hover();
    await page.getByRole('button', { name: 'Delete album Lisbon' }).click();
    await page.getByRole('dialog', { name: 'Delete album “Lisbon”?' }).getByRole('button', { name: 'Delete album' }).click();
    await album.waitFor({ state: 'detached', ...WAIT });
    await page.locator('.notice', { hasText: 'Deleted the album “Lisbon”.' }).getByRole('button', { name: 'Undo' }).click();
    await album.click();
    await waitForPhotoCount(page, 3);
    expect(await tileNames(page)).toEqual(order);

    // Delete takes the selected photo out of the album; it stays in the library.
    await page.locator('.tile').nth(1).click();
    await page.keyboard.press('Delete');
    await waitForPhotoCount(page, 2);
    expect(await tileNames(page)).toEqual([order[0], order[2]]);
    await page.locator('.notice', { hasText: /Removed 1 photo from Lisbon; it stays in your library/ }).waitFor(WAIT);
    // And from the context menu.
    await page.locator('.tile').nth(0).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Remove from “Lisbon”' }).click();
    await waitForPhotoCount(page, 1);
    await screenshot(page, 'corrections-05-removed-from-album');
    await page.getByRole('button', { name: /^Library/ }).click();
    await waitForPhotoCount(page, 45);
  });

  it('a cut set by hand survives five rejections; learning is offered in photos and applied only on Apply', async () => {
    await page.getByRole('button', { name: 'Edit category red' }).click();
    const dialog = page.getByRole('dialog', { name: 'Category: red' });
    const slider = dialog.getByRole('slider', { name: 'Threshold' });
    await dialog.getByRole('checkbox', { name: 'Automatic' }).uncheck();
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    const position = await slider.inputValue();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editorCount(dialog), WAIT).toBe(40);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await category().click();
    await waitForPhotoCount(page, 40);
    for (let i = 1; i <= 5; i++) {
      await rejectFirst();
      await expect.poll(sidebarCount, WAIT).toBe(40 - i);
      await waitForPhotoCount(page, 40 - i);
    }
    await page.getByRole('button', { name: 'Edit category red' }).click();
    const again = page.getByRole('dialog', { name: 'Category: red' });
    expect(await again.getByRole('checkbox', { name: 'Automatic' }).isChecked()).toBe(false);
    expect(await again.getByRole('slider', { name: 'Threshold' }).inputValue()).toBe(position);
    await expect.poll(() => editorCount(again), WAIT).toBe(35);
    await again.getByRole('button', { name: 'Close' }).click();

    // Six rejections of photos well inside the category: it is offered, in photos, not done.
    const banner = page.getByRole('region', { name: 'Suggestion for red' });
    await banner.waitFor(WAIT);
    const text = (await banner.textContent()) ?? '';
    const leaving = Number(/(\d+) photos? would leave/.exec(text)?.[1] ?? '0');
    const joining = Number(/(\d+) photos? would join/.exec(text)?.[1] ?? '0');
    expect(leaving + joining).toBeGreaterThan(0);
    expect(text).not.toMatch(/\d\.\d{2}/);
    await banner.getByRole('button', { name: 'Show them' }).click();
    await expect.poll(() => banner.getByRole('img').count(), WAIT).toBe(Math.min(leaving, 48) + Math.min(joining, 48));
    await screenshot(page, 'corrections-02-suggestion');
    expect(await sidebarCount()).toBe(35);

    await banner.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(sidebarCount, WAIT).toBe(35 - leaving + joining);
    await waitForPhotoCount(page, 35 - leaving + joining);
    await banner.waitFor({ state: 'detached', ...WAIT });
    await screenshot(page, 'corrections-03-applied');
  });
});
