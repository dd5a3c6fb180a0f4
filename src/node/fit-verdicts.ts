import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Quote } from '../cards/quotes.ts';
import type { CardRenderer } from '../cards/render.ts';
import { RENDER_VERSION } from '../cards/render-version.ts';

const VERDICTS = new URL('../../node_modules/.cache/quote-cards/', import.meta.url);

/**
 * Checks that every quote fits every template, size and script, as
 * `renderer.checkFit` does, but only once per quotes content and render
 * version: the verdict depends on nothing else, and remembering a pass keeps
 * the check (about a second on a busy machine) off every later start-up.
 */
export async function checkFitOnce(renderer: CardRenderer, quotes: readonly Quote[]): Promise<string[]> {
  const key = createHash('sha256').update(RENDER_VERSION).update(JSON.stringify(quotes)).digest('hex').slice(0, 24);
  const passed = new URL(`fits-${key}`, VERDICTS);
  if (existsSync(passed)) return [];
  const problems = await renderer.checkFit(quotes);
  if (problems.length === 0) {
    try {
      mkdirSync(VERDICTS, { recursive: true });
      writeFileSync(passed, '');
    } catch {
      // A read-only install checks again at the next start; nothing is lost.
    }
  }
  return problems;
}
