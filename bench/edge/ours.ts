// This project's Worker (src/worker/index.ts) as the edge benchmark runs it:
// untouched, plus two paths of the benchmark's own. `/__ready` answers
// without waking the app, so a fresh start's first card is timed from
// nothing; `/__purge?url=` drops a card from the edge cache, so the next
// request for it renders again through the real cache lookup.
import bundledQuotes from '../../quotes.json';
import { RENDER_VERSION } from '../../src/cards/render-version.ts';
import { cardCacheKey, edgeCacheVersion, type WaitUntil } from '../../src/worker/edge-cache.ts';
import worker, { type Env } from '../../src/worker/index.ts';

export default {
  async fetch(request: Request, env: Env, ctx: WaitUntil): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/__ready') return new Response('ok');
    if (url.pathname === '/__purge') {
      const key = cardCacheKey(new URL(url.searchParams.get('url')!, url).href, edgeCacheVersion(RENDER_VERSION, bundledQuotes));
      const deleted = key !== undefined && (await (caches as unknown as { default: Cache }).default.delete(key));
      return new Response(String(deleted));
    }
    return worker.fetch(request, env, ctx);
  },
};
