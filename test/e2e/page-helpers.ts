// Runs in: vitest (forked process). What the end-to-end tests read off the page: the grid's
// tiles by file name, waiting for them and for their thumbnails.
import type { Page } from 'playwright-core';

export const WAIT = { timeout: 20_000 };

/**
 * The page's globals, as far as these tests read them. The test program is typed for Node
 * (no DOM lib); functions passed to waitForFunction run in the page, where these exist. A
 * function, not a string: the UI's CSP (script-src 'self') forbids the eval a string needs.
 */
export interface PageElement {
  getAttribute(name: string): string | null;
  complete?: boolean;
  naturalWidth?: number;
}
/** Cast inline in each page function (a type only, so nothing from Node is referenced there). */
export type PageGlobals = { document: { querySelectorAll(selector: string): ArrayLike<PageElement> } };

/** File names of the tiles the grid shows, in order. */
export async function tileNames(page: Page): Promise<string[]> {
  const labels = await page.evaluate<string[]>(`[...document.querySelectorAll('.tile')].map((t) => t.getAttribute('aria-label') ?? '')`);
  return labels.map((l) => l.split(',')[0] ?? '');
}

/** Waits until the grid shows (or no longer shows) the photo with this file name. */
export async function waitForName(page: Page, name: string, shown: boolean): Promise<void> {
  await page.waitForFunction(
    ([label, want]) => Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('.tile')).some((t) => t.getAttribute('aria-label')?.startsWith(label)) === want,
    [`${name},`, shown] as const,
    WAIT,
  );
}

/** Every thumbnail the grid shows came through the photo protocol and decoded. */
export async function waitForThumbnails(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('.tile img')).every((img) => img.complete && (img.naturalWidth ?? 0) > 0), null, WAIT);
}

export async function waitForTiles(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('.tile').length === n, count, WAIT);
}

/** Waits until the view's title says it shows `count` photos (the grid keeps only the rows on screen). */
export async function waitForPhotoCount(page: Page, count: number): Promise<void> {
  await page.locator('.view-title .hint', { hasText: new RegExp(`^${count.toLocaleString('en-US')} photos?$`) }).waitFor(WAIT);
}
