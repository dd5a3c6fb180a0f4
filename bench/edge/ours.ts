// This project's Worker (src/worker/index.ts) as the edge benchmark runs it:
// untouched, plus two paths of the benchmark's own. `/__ready` answers
// without waking the app, so a fresh start's first card is timed from
// nothing; `/__purge?url=` drops a card from the edge cache, so the next
// request for it renders again through the real cache lookup.
import bundledQuotes from '../../quotes.json';
import { validateQuotes } from '../../src/cards/quotes.ts';
import { cardCacheKey, type WaitUntil } from '../../src/worker/edge-cache.ts';
import worker, { type Env } from '../../src/worker/index.ts';

let quotes: Map<string, ReturnType<typeof validateQuotes>[number]> | undefined;

export default {
  async fetch(request: Request, env: Env, ctx: WaitUntil): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/__ready') return new Response('ok');
    if (url.pathname === '/__purge') {
      quotes ??= new Map(validateQuotes(bundledQuotes, 'quotes.json').map((quote) => [quote.id, quote]));
      const key = await cardCacheKey(new URL(url.searchParams.get('url')!, url).href, quotes);
      const deleted = key !== undefined && (await (caches as unknown as { default: Cache }).default.delete(key));
      return new Response(String(deleted));
    }
    return worker.fetch(request, env, ctx);
  },
};
