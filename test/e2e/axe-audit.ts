// Runs in: vitest (forked process). The accessibility audit of the end-to-end tests: Deque's
// axe-core, run in the page on whatever the UI shows at that moment, once in each theme.
// A maintained rules engine (contrast with real computed colours, names, roles, ARIA
// attributes, nesting) catches far more than checks written here by hand would.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';

export type Theme = 'light' | 'dark';

export interface AxeFinding {
  theme: Theme;
  rule: string;
  impact: string;
  help: string;
  /** The offending elements, as selectors, with axe's summary of what is wrong with the first. */
  nodes: string[];
  summary: string;
}

/** Impacts that fail the audit; lesser ones are printed for a person to weigh. */
const BLOCKING = new Set(['serious', 'critical']);

let source: Promise<string> | undefined;
const axeSource = () => (source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Audits the page as it is in both themes, the page's own last so it is left as it was, and
 * saves a screenshot of each. Returns the serious and critical findings; moderate and minor
 * ones go to the log. The page's CSP (script-src 'self') refuses an inline script tag, so
 * axe's source is evaluated over the debugging protocol instead, which CSP does not govern.
 */
export async function audit(page: Page, state: string): Promise<AxeFinding[]> {
  const own: Theme = (await page.evaluate(`matchMedia('(prefers-color-scheme: dark)').matches`)) ? 'dark' : 'light';
  const found: AxeFinding[] = [];
  for (const theme of [own === 'dark' ? 'light' : 'dark', own] as const) {
    await page.emulateMedia({ colorScheme: theme });
    if (!(await page.evaluate(`typeof axe !== 'undefined'`))) await page.evaluate(await axeSource());
    await screenshot(page, `a11y-${state}-${theme}`);
    // Typed loosely: the test program has no DOM lib, and this function runs in the page.
    const results = await page.evaluate(() => (globalThis as unknown as { axe: { run(options: object): Promise<AxeResults> } }).axe.run({ resultTypes: ['violations', 'incomplete'] }));
    // Contrast axe could not decide (text over an image, a translucent layer) is no failure, but a person should look.
    const undecided = results.incomplete.filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes.map((n) => n.target.join(' ')));
    if (undecided.length > 0) console.log(`axe, ${state} [${theme}]: contrast to check by eye: ${undecided.join(', ')}`);
    for (const v of results.violations) {
      found.push({
        theme,
        rule: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
        summary: v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '',
      });
    }
  }
  const lesser = found.filter((f) => !BLOCKING.has(f.impact));
  if (lesser.length > 0) console.log(`axe, ${state}: ${lesser.length} lesser finding(s)\n${lesser.map(describeFinding).join('\n')}`);
  return found.filter((f) => BLOCKING.has(f.impact));
}

export function describeFinding(f: AxeFinding): string {
  return `[${f.theme}] ${f.impact} ${f.rule}: ${f.help} -- ${f.nodes.slice(0, 5).join(', ')}${f.nodes.length > 5 ? ` (+${f.nodes.length - 5})` : ''} -- ${f.summary}`;
}
