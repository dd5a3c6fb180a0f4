import { describe, expect, it } from 'vitest';
import bundledQuotes from '../../quotes.json';
import { cardHash } from '../../src/cards/identity.ts';
import { validateQuotes, type Quote } from '../../src/cards/quotes.ts';
import { CACHE_STATUS_HEADER, cardCacheKey, withEdgeCache } from '../../src/worker/edge-cache.ts';
import { fetchWorker } from './helpers.ts';
import { PAGE_FONT_VERSIONS } from '../../src/http/page-font-versions.ts';

const cache = (caches as unknown as { default: Cache }).default;
const ID = 'trust-is-the-key-skill';
const quotes = validateQuotes(bundledQuotes);
const quotesById = new Map(quotes.map((quote) => [quote.id, quote]));
const trust = quotesById.get(ID)!;

/** Each test gets an origin of its own, so no other test's cache entries can answer it. */
let origins = 0;
const freshOrigin = () => `https://edge-cache-${++origins}-${crypto.randomUUID()}.example`;

/** A stand-in app that counts its renders and tags its answers with an ETag. */
function countingApp(status = 200, type = 'image/png') {
  const app = {
    renders: 0,
    fetch: async (request: Request) => {
      app.renders++;
      if (request.headers.get('If-None-Match') === '"card-v1"') return new Response(null, { status: 304, headers: { ETag: '"card-v1"' } });
      return new Response(request.method === 'HEAD' ? null : `card ${app.renders}`, {
        status,
        headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: '"card-v1"' },
      });
    },
  };
  return app;
}

/** Runs a wrapped handler and waits for its cache write, as workerd would before the next request. */
async function send(handler: ReturnType<typeof withEdgeCache>, url: string, init?: RequestInit): Promise<Response> {
  const pending: Promise<unknown>[] = [];
  const res = await handler(new Request(url, init), { waitUntil: (promise) => pending.push(promise) });
  await Promise.all(pending);
  return res;
}

describe('cardCacheKey', () => {
  it('is the card path with the card hash of every option, defaults filled in', async () => {
    const hash = await cardHash(trust, { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 }, 'png');
    expect(await cardCacheKey(`https://cards.example/cards/${ID}.png`, quotesById)).toBe(
      `https://cards.example/cards/${ID}.png?card=${hash}`,
    );
  });

  it('gives the same key however the same card is asked for', async () => {
    const key = (path: string, byId = quotesById) => cardCacheKey(`https://cards.example${path}`, byId);
    const plain = await key(`/cards/${ID}.svg?lang=zh-Hans`);
    expect(await key(`/cards/${ID}.svg?scale=1&lang=zh-Hans&template=classic`)).toBe(plain);
    expect(await key(`/cards/${ID}.svg?lang=zh-HK`)).not.toBe(plain);
    expect(await key(`/cards/${ID}.png?lang=zh-Hans`)).not.toBe(plain);
    const edited: Quote = { ...trust, speaker: { ...trust.speaker, name: `${trust.speaker.name}。` } };
    expect(await key(`/cards/${ID}.svg?lang=zh-Hans`, new Map([[ID, edited]]))).not.toBe(plain);
  });

  it.each([
    '/api/quotes',
    `/cards/${ID}.gif`,
    '/cards/Bad_ID!.png',
    '/cards/no-such-quote.png',
    `/cards/${ID}.png?size=huge`,
    `/cards/${ID}.png?colour=red`,
    `/cards/${ID}.png?size=og&size=square`,
    '/cards/%E0%A4%A.png',
  ])('has no key for %s, which is not a valid card request', async (path) => {
    expect(await cardCacheKey(`https://cards.example${path}`, quotesById)).toBeUndefined();
  });
});

describe('withEdgeCache', () => {
  it('renders a card once, then answers from the cache with the stored headers', async () => {
    const app = countingApp();
    const handler = withEdgeCache(app.fetch, { cache, quotes });
    const url = `${freshOrigin()}/cards/${ID}.png`;
    const first = await send(handler, url);
    expect(first.headers.get(CACHE_STATUS_HEADER)).toBe('MISS');
    expect(await first.text()).toBe('card 1');

    const second = await send(handler, `${url}?theme=light&size=og`);
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe('HIT');
    expect(await second.text()).toBe('card 1');
    expect(app.renders).toBe(1);
    for (const name of ['Content-Type', 'Cache-Control', 'ETag']) expect(second.headers.get(name)).toBe(first.headers.get(name));
  });

  it('answers If-None-Match from the cache: 304 when the ETag matches, the card when not', async () => {
    const app = countingApp();
    const handler = withEdgeCache(app.fetch, { cache, quotes });
    const url = `${freshOrigin()}/cards/${ID}.png`;
    await send(handler, url);

    const notModified = await send(handler, url, { headers: { 'If-None-Match': '"card-v1"' } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get(CACHE_STATUS_HEADER)).toBe('HIT');
    expect(notModified.headers.get('ETag')).toBe('"card-v1"');
    expect(await notModified.text()).toBe('');

    const changed = await send(handler, url, { headers: { 'If-None-Match': '"card-v0"' } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe('card 1');
    expect(app.renders).toBe(1);
  });

  it('answers HEAD from the cache without a body', async () => {
    const app = countingApp();
    const handler = withEdgeCache(app.fetch, { cache, quotes });
    const url = `${freshOrigin()}/cards/${ID}.png`;
    await send(handler, url);
    const head = await send(handler, url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get(CACHE_STATUS_HEADER)).toBe('HIT');
    expect(await head.text()).toBe('');
    expect(app.renders).toBe(1);
  });

  it.each([
    [404, 'application/json'],
    [500, 'image/png'],
    [200, 'text/html'],
  ])('keeps nothing when the app answers %i %s', async (status, type) => {
    const app = countingApp(status, type);
    const handler = withEdgeCache(app.fetch, { cache, quotes });
    const url = `${freshOrigin()}/cards/${ID}.png`;
    await send(handler, url);
    expect((await send(handler, url)).headers.get(CACHE_STATUS_HEADER)).toBe('MISS');
    expect(app.renders).toBe(2);
  });

  it('passes requests that are not cards straight to the app', async () => {
    const app = countingApp(200, 'application/json');
    const handler = withEdgeCache(app.fetch, { cache, quotes });
    const url = `${freshOrigin()}/api/quotes`;
    await send(handler, url);
    const again = await send(handler, url);
    expect(again.headers.get(CACHE_STATUS_HEADER)).toBeNull();
    expect(app.renders).toBe(2);
  });
});

describe('the Worker', () => {
  it('serves the second identical card request from the edge cache, byte for byte', async () => {
    const url = `${freshOrigin()}/cards/we-have-souls.png?template=minimal&theme=dark`;
    const first = await fetchWorker(url);
    expect(first.status).toBe(200);
    expect(first.headers.get(CACHE_STATUS_HEADER)).toBe('MISS');
    const second = await fetchWorker(`${url}&scale=1&lang=zh-Hant`);
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe('HIT');
    expect(second.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(new Uint8Array(await first.arrayBuffer()));
  });

  it('stores a card under its key, the card hash', async () => {
    const origin = freshOrigin();
    const key = `${origin}/cards/${ID}.json?card=${await cardHash(trust, {}, 'json')}`;
    expect(await cache.match(key)).toBeUndefined();
    await fetchWorker(`${origin}/cards/${ID}.json`);
    const stored = await cache.match(key);
    expect(stored?.status).toBe(200);
    expect((await stored!.json()).id).toBe(ID);
  });

  it('answers a weak If-None-Match from the edge cache with 304', async () => {
    const url = `${freshOrigin()}/cards/${ID}.png?theme=dark`;
    const first = await fetchWorker(url);
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    for (const header of [etag, etag.slice(2), `"other", ${etag}`]) {
      const again = await fetchWorker(url, { headers: { 'If-None-Match': header } });
      expect(again.status).toBe(304);
      expect(again.headers.get(CACHE_STATUS_HEADER)).toBe('HIT');
      expect(again.headers.get('ETag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
  });

  it('does not cache errors', async () => {
    const url = `${freshOrigin()}/cards/no-such-quote.png`;
    expect((await fetchWorker(url)).status).toBe(404);
    const again = await fetchWorker(url);
    expect(again.status).toBe(404);
    expect(again.headers.get(CACHE_STATUS_HEADER)).not.toBe('HIT');
  });
});

describe('content-addressed card paths on the Worker', () => {
  it('keys a current path by itself, and leaves a stale or respelled one to the app', async () => {
    const origin = freshOrigin();
    const { card } = (await (await fetchWorker(`${origin}/api/quotes/${ID}`)).json()) as { card: string };
    const path = new URL(card).pathname;
    expect(path).toMatch(/^\/cards\/trust-is-the-key-skill\/classic\.og\.zh-Hant\.light\.[0-9a-f]{12}\.png$/);
    expect(await cardCacheKey(origin + path, quotesById)).toBe(origin + path);
    const stale = path.replace(/\.[0-9a-f]{12}\.png$/, '.000000000000.png');
    expect(await cardCacheKey(origin + stale, quotesById)).toBeUndefined();
    expect(await cardCacheKey(origin + path.replace('zh-Hant', 'zh-TW'), quotesById)).toBeUndefined();
    expect(await cardCacheKey(`${origin + path}?theme=dark`, quotesById)).toBeUndefined();
    // A respelled language tag in the query-string form is the app's 301, never a cached image.
    expect(await cardCacheKey(`${origin}/cards/${ID}.png?lang=zh-tw`, quotesById)).toBeUndefined();
  });

  it('serves the current path immutable from the edge cache, and redirects a stale one (302) without storing it', async () => {
    const origin = freshOrigin();
    const { card } = (await (await fetchWorker(`${origin}/api/quotes/${ID}`)).json()) as { card: string };
    const first = await fetchWorker(card);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get(CACHE_STATUS_HEADER)).toBe('MISS');
    const second = await fetchWorker(card);
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe('HIT');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    const stale = card.replace(/\.[0-9a-f]{12}\.png$/, '.000000000000.png');
    for (let i = 0; i < 2; i++) {
      const res = await fetchWorker(stale, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(new URL(card).pathname);
      expect(res.headers.get(CACHE_STATUS_HEADER)).toBeNull();
    }
  });

  it('links the page fonts it serves as static assets, by their committed fingerprints', async () => {
    const origin = freshOrigin();
    const page = await (await fetchWorker(`${origin}/q/${ID}`)).text();
    const css = await (await fetchWorker(origin + /<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!)).text();
    expect(css).toContain(`url("/assets/page-hant.woff2?v=${PAGE_FONT_VERSIONS.hant}")`);
    expect(css).toContain(`url("/assets/page-hans.woff2?v=${PAGE_FONT_VERSIONS.hans}")`);
  });
});
