/**
 * A render thread of the pool (src/node/render-pool.ts): one renderer per
 * thread, so fonts are parsed and converters built once per thread. At start
 * it parses the default script's fonts and wakes resvg, in parallel with the
 * main thread's own start-up. Each task is one card (or a report, or the fit
 * check); errors a client can act on come back as data, since an error's
 * class does not cross threads.
 */
import { cardAlt, localizeQuote } from '../cards/localize.ts';
import { ApiError } from '../cards/errors.ts';
import { DEFAULTS, type Format, type Lang } from '../cards/options.ts';
import type { TemplateName } from '../../templates/index.ts';
import type { Quote } from '../cards/quotes.ts';
import { createRenderer, type CardOptions } from '../cards/render.ts';
import { setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nodePlatform } from './platform.ts';

/** What a render thread is asked to do. */
export type ThreadTask =
  | { kind: 'svg' | 'png' | 'report'; quote: Quote; options: CardOptions }
  /** A card for a file: its bytes and alt text (the export; json, the layout report, in a prerender). */
  | { kind: 'file'; quote: Quote; options: CardOptions; format: Format }
  | { kind: 'checkFit'; quotes: readonly Quote[] }
  | { kind: 'sizesThatFit'; quote: Quote; template: TemplateName; lang: Lang }
  | { kind: 'missingCharacters'; text: string }
  /** Answers once the thread has started (its fonts parsed). */
  | { kind: 'ready' };

/** An ApiError's fields, as they cross from a thread. */
export type ThreadError = Pick<ApiError, 'status' | 'code' | 'message' | 'allowed' | 'retryAfter'>;

/** A thread's answer: the value, or the ApiError the render threw. */
export type ThreadReply = { ok: true; value: unknown } | { ok: false; error: ThreadError };

// A minor collection after each card, between cards (atomics are off, so a
// thread returns to its event loop between tasks): a card's garbage (satori's
// element tree, and the Resvg and RenderedImage objects that hold its pixels in
// native memory V8 does not count) is freed while the thread would otherwise
// wait, rather than partly promoted and marked during the next card. With two
// threads under HTTP load: 77–78 cards/s against 62–72 without it, at the same
// resident memory.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as (options: { type: 'minor' }) => void;

/** The nice value of a render thread once it has drawn its first card: above the main thread's 0, so it gives way. */
const RENDER_THREAD_NICE = 10;

/**
 * When the cores are all busy, the main thread (routing, the card cache,
 * /healthz, refusing what cannot wait) should go first and the renders take
 * the rest. Linux keeps a nice value per thread, and setpriority(2) on pid 0
 * sets the calling thread's; elsewhere it would set the whole process's, so
 * only there. Not before the thread's first card: at nice 10 from the start,
 * its start-up lost to the main thread's own and the first card came about
 * 60 ms later (490 against 410 ms from spawn).
 */
let givenWay = false;
function giveWay(): void {
  if (givenWay || process.platform !== 'linux') return;
  givenWay = true;
  setPriority(RENDER_THREAD_NICE);
}
/** The tasks that draw a card. */
const DRAWINGS = new Set<ThreadTask['kind']>(['svg', 'png', 'report', 'file']);

const platform = nodePlatform();
const renderer = createRenderer(platform);

// Ready for the first card before taking it: the default script's fonts parsed, resvg loaded.
await Promise.all([
  renderer.preload(DEFAULTS.lang),
  platform.svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', 1),
]);

/** Runs one task; the pool calls it with each task posted to this thread. */
export default async function run(task: ThreadTask): Promise<ThreadReply> {
  try {
    return { ok: true, value: await perform(task) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const { status, code, message, allowed, retryAfter } = error;
    return { ok: false, error: { status, code, message, allowed, retryAfter } };
  } finally {
    if (DRAWINGS.has(task.kind)) {
      giveWay();
      // Once the answer has gone back: the collection does not delay it. Only
      // after a drawing: the small tasks (sizes that fit, a characters check)
      // leave no pixels behind, and a page asks for many of them at once.
      setImmediate(() => collectGarbage({ type: 'minor' }));
    }
  }
}

async function perform(task: ThreadTask): Promise<unknown> {
  switch (task.kind) {
    case 'svg':
      return renderer.svg(task.quote, task.options);
    case 'png':
      return renderer.png(task.quote, task.options);
    case 'report':
      return renderer.report(task.quote, task.options);
    case 'checkFit':
      return renderer.checkFit(task.quotes);
    case 'sizesThatFit':
      return renderer.sizesThatFit(task.quote, task.template, task.lang);
    case 'missingCharacters':
      return renderer.missingCharacters(task.text);
    case 'ready':
      return true;
    case 'file': {
      const { quote, options, format } = task;
      // The same bytes the app serves for each format (src/http/app.ts serveCard).
      const bytes =
        format === 'png'
          ? await renderer.png(quote, options)
          : new TextEncoder().encode(
              format === 'svg' ? await renderer.svg(quote, options) : JSON.stringify(await renderer.report(quote, options)),
            );
      // The alt text needs only the converted text, not a second typesetting of the card.
      return { bytes, alt: cardAlt(localizeQuote(quote, options.lang)) };
    }
  }
}
