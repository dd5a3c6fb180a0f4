import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Misfit } from '../cards/fit-index.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardRenderer } from '../cards/render.ts';
import { RENDER_VERSION } from '../cards/render-version.ts';

const VERDICTS = new URL('../../node_modules/.cache/quote-cards/', import.meta.url);

/**
 * Every quote that some card (template, size, script) cannot hold, as
 * `renderer.checkFit` finds them, but checked only once per quotes content
 * and render version while all fit: the verdict depends on nothing else, and
 * remembering a pass keeps the check off every later start-up.
 */
export async function checkFitOnce(renderer: CardRenderer, quotes: readonly Quote[]): Promise<Misfit[]> {
  const key = createHash('sha256').update(RENDER_VERSION).update(JSON.stringify(quotes)).digest('hex').slice(0, 24);
  const passed = new URL(`fits-${key}`, VERDICTS);
  if (existsSync(passed)) return [];
  const misfits = await renderer.checkFit(quotes);
  if (misfits.length === 0) {
    try {
      mkdirSync(VERDICTS, { recursive: true });
      writeFileSync(passed, '');
    } catch {
      // A read-only install checks again at the next start; nothing is lost.
    }
  }
  return misfits;
}
