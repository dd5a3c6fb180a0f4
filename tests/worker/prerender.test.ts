import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import bundledQuotes from '../../quotes.json';
import { validateQuotes } from '../../src/cards/quotes.ts';
import { cardUrl } from '../../src/http/urls.ts';
import { createWorker } from '../../src/worker/index.ts';
import { pngSize } from './helpers.ts';

const quote = validateQuotes(bundledQuotes, 'quotes.json')[0]!;

// The pool's fetch does not pass through the assets layer: each request below
// is what the Worker sees when the static assets hold no prerendered card.
describe('a Worker whose static assets hold no prerendered cards', () => {
  afterEach(() => vi.restoreAllMocks());

  async function fetchFresh(worker: ReturnType<typeof createWorker>, path: string): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`https://cards.example${path}`), env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it('renders a card the build prerenders, and logs once per isolate that the assets lack it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const worker = createWorker();
    const og = await cardUrl(quote, { lang: 'zh-HK' });
    const res = await fetchFresh(worker, og);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(pngSize(new Uint8Array(await res.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe(
      `The Worker rendered ${og}, a card the build prerenders as a static asset: the assets hold no prerendered cards (run npm run build:worker or npm run deploy, which prerender; PRERENDER_CARDS=og or none leaves cards to the Worker). Cards are rendered by the Worker meanwhile; this is logged once per isolate.`,
    );
    const thumbnail = await fetchFresh(worker, await cardUrl(quote, { width: 400 }));
    expect(thumbnail.status).toBe(200);
    await thumbnail.arrayBuffer();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('says nothing of a card the build leaves to the Worker, or of a stale hash', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const worker = createWorker();
    const scaled = await fetchFresh(worker, await cardUrl(quote, { scale: 2 }));
    expect(scaled.status).toBe(200);
    expect(pngSize(new Uint8Array(await scaled.arrayBuffer()))).toEqual({ width: 2400, height: 1260 });
    const stale = (await cardUrl(quote, { theme: 'dark' })).replace(/\.[0-9a-f]{12}\.png$/, '.000000000000.png');
    const redirected = await fetchFresh(worker, stale);
    expect(redirected.status).toBe(302);
    expect(warn).not.toHaveBeenCalled();
  });
});
