import { describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { withCardCache } from '../src/node/card-cache.ts';
import { serveOptionsFromEnv } from '../src/node/config.ts';
import type { Quote } from '../src/cards/quotes.ts';
import type { CardOptions, Renderer } from '../src/cards/render.ts';
import { matchesETag } from '../src/http/etag.ts';
import { app, appRenderer, getBytes, pngSize, renderer } from './helpers.ts';

const ID = 'trust-is-the-key-skill';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The query-string form may show another image at the same URL after a change: cached briefly, revalidated by ETag. */
const SHORT = 'public, max-age=300';

describe('image ETags', () => {
  it.each(['png', 'svg', 'json'])('gives a .%s card by query a weak ETag and a short max-age', async (format) => {
    const res = await app.request(`/cards/${ID}.${format}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(res.headers.get('cache-control')).toBe(SHORT);
  });

  it('gives a card at its content-addressed path a year of immutable caching, and the same ETag', async () => {
    const { card } = await (await app.request(`/api/quotes/${ID}`)).json();
    const res = await app.request(new URL(card).pathname);
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('etag')).toBe((await app.request(`/cards/${ID}.png`)).headers.get('etag'));
    const revalidated = await app.request(new URL(card).pathname, { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('cache-control')).toBe(IMMUTABLE);
  });

  it('answers a matching If-None-Match with 304, no body, and the same validators', async () => {
    const first = await app.request(`/cards/${ID}.png?theme=dark`);
    const etag = first.headers.get('etag')!;
    const strong = etag.replace(/^W\//, '');
    for (const header of [etag, strong, `"other", ${etag}`, `"other",${strong}`, '*']) {
      const { res, bytes } = await getBytes(`/cards/${ID}.png?theme=dark`, { headers: { 'If-None-Match': header } });
      expect(res.status).toBe(304);
      expect(bytes.length).toBe(0);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe(SHORT);
    }
    const { res, bytes } = await getBytes(`/cards/${ID}.png?theme=dark`, { headers: { 'If-None-Match': '"stale"' } });
    expect(res.status).toBe(200);
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
  });

  it('gives the same card the same ETag, however the query is spelled', async () => {
    const tag = async (path: string) => (await app.request(path)).headers.get('etag');
    expect(await tag(`/cards/${ID}.svg?theme=dark&size=square`)).toBe(
      await tag(`/cards/${ID}.svg?size=square&theme=dark&lang=zh-Hant&scale=1`),
    );
  });

  it('gives every different card a different ETag', async () => {
    const paths = [
      `/cards/${ID}.png`,
      `/cards/${ID}.svg`,
      `/cards/${ID}.json`,
      `/cards/${ID}.png?template=minimal`,
      `/cards/${ID}.png?size=square`,
      `/cards/${ID}.png?lang=zh-Hans`,
      `/cards/${ID}.png?lang=zh-HK`,
      `/cards/${ID}.png?theme=dark`,
      `/cards/${ID}.png?scale=2`,
      '/cards/ai-to-understand-how-we-think.png',
    ];
    // `If-None-Match: *` answers 304 with the tag, without rendering.
    const tags = await Promise.all(
      paths.map(async (path) => (await app.request(path, { headers: { 'If-None-Match': '*' } })).headers.get('etag')),
    );
    expect(tags.every((tag) => /^W\/"[0-9a-f]{32}"$/.test(tag!))).toBe(true);
    expect(new Set(tags).size).toBe(paths.length);
  });

  it('changes the ETag when the quote changes', async () => {
    const quote = (text: string): Quote => ({ id: 'q', text, lang: 'zh-Hant', speaker: { name: '李開復' }, source: { title: '論壇' } });
    const tag = async (text: string) =>
      (await createApp({ quotes: [quote(text)], renderer }).request('/cards/q.svg', { method: 'HEAD' })).headers.get('etag');
    expect(await tag('信任')).not.toBe(await tag('信任。'));
  });

  it('compares If-None-Match as RFC 9110 says', () => {
    expect(matchesETag(undefined, '"a"')).toBe(false);
    expect(matchesETag('"a"', '"a"')).toBe(true);
    expect(matchesETag('W/"a"', '"a"')).toBe(true);
    expect(matchesETag('"a"', 'W/"a"')).toBe(true);
    expect(matchesETag('W/"a"', 'W/"a"')).toBe(true);
    expect(matchesETag('W/"b", W/"a"', 'W/"a"')).toBe(true);
    expect(matchesETag('W/"b"', 'W/"a"')).toBe(false);
    expect(matchesETag('"b" , "a"', '"a"')).toBe(true);
    expect(matchesETag('"b"', '"a"')).toBe(false);
    expect(matchesETag('"ab"', '"a"')).toBe(false);
  });
});

describe('Cache-Control on errors', () => {
  it('caches a 4xx briefly', async () => {
    for (const path of [`/cards/${ID}.png?size=huge`, '/cards/no-such-quote.png', '/nowhere']) {
      const res = await app.request(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    }
  });

  it('never caches a 5xx', async () => {
    const broken: Renderer = { ...renderer, png: () => Promise.reject(new Error('resvg crashed')) };
    const quiet = console.error;
    console.error = () => {};
    try {
      const res = await createApp({
        quotes: [{ id: 'q', text: '信任', lang: 'zh-Hant', speaker: { name: '李開復' }, source: { title: '論壇' } }],
        renderer: broken,
      }).request('/cards/q.png');
      expect(res.status).toBe(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
    } finally {
      console.error = quiet;
    }
  });
});

describe('withCardCache', () => {
  const quote: Quote = { id: 'q', text: '信任', lang: 'zh-Hant', speaker: { name: '李開復' }, source: { title: '論壇' } };
  const options: CardOptions = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 };

  /** A renderer that counts its renders and returns `bytes`-sized PNGs. */
  function countingRenderer(bytes = 1000) {
    const calls = { png: 0, svg: 0 };
    const fake: Renderer = {
      ...renderer,
      png: async () => (calls.png++, new Uint8Array(bytes)),
      svg: async () => (calls.svg++, `<svg>${calls.svg}</svg>`),
    };
    return { fake, calls };
  }

  it('renders a repeated card once', async () => {
    const { fake, calls } = countingRenderer();
    const cached = withCardCache(fake, 10_000);
    await cached.png(quote, options);
    await cached.png(quote, options);
    await Promise.all([cached.svg(quote, options), cached.svg(quote, options)]);
    expect(calls).toEqual({ png: 1, svg: 1 });
    await cached.png(quote, { ...options, theme: 'dark' });
    await cached.png({ ...quote, text: '信任。' }, options);
    expect(calls.png).toBe(3);
  });

  it('stays within its byte budget, dropping the least recently used card', async () => {
    const { fake, calls } = countingRenderer(4000);
    const cached = withCardCache(fake, 10_000);
    const themes = ['light', 'dark'] as const;
    const sizes = ['og', 'square', 'story'] as const;
    for (const size of sizes) for (const theme of themes) await cached.png(quote, { ...options, size, theme });
    expect(calls.png).toBe(6);
    // Only the last two 4,000-byte cards fit in 10,000 bytes.
    await cached.png(quote, { ...options, size: 'story', theme: 'dark' });
    await cached.png(quote, { ...options, size: 'story', theme: 'light' });
    expect(calls.png).toBe(6);
    await cached.png(quote, { ...options, size: 'og', theme: 'light' });
    expect(calls.png).toBe(7);
  });

  it('renders a card larger than the whole cache without keeping it', async () => {
    const { fake, calls } = countingRenderer(50_000);
    const cached = withCardCache(fake, 10_000);
    expect((await cached.png(quote, options)).byteLength).toBe(50_000);
    await cached.png(quote, options);
    expect(calls.png).toBe(2);
  });

  it('does not keep a failed render', async () => {
    let fail = true;
    const flaky: Renderer = {
      ...renderer,
      png: async () => {
        if (fail) throw new Error('boom');
        return new Uint8Array(10);
      },
    };
    const cached = withCardCache(flaky, 10_000);
    await expect(cached.png(quote, options)).rejects.toThrow('boom');
    fail = false;
    expect((await cached.png(quote, options)).byteLength).toBe(10);
  });

  it('is off with a budget of 0', async () => {
    const { fake, calls } = countingRenderer();
    const uncached = withCardCache(fake, 0);
    await uncached.png(quote, options);
    await uncached.png(quote, options);
    expect(calls.png).toBe(2);
    expect(uncached.cached(quote, options, 'png')).toBeUndefined();
  });

  it('shows a card it holds without rendering, and nothing for one it does not', async () => {
    const { fake, calls } = countingRenderer(1234);
    const cached = withCardCache(fake, 10_000);
    expect(cached.cached(quote, options, 'png')).toBeUndefined();
    await cached.png(quote, options);
    expect(cached.cached(quote, options, 'png')).toEqual(new Uint8Array(1234));
    expect(cached.cached(quote, options, 'svg')).toBeUndefined();
    expect(calls.png).toBe(1);
  });
});

describe('the Node app', () => {
  it('reads CARD_CACHE_MB as whole mebibytes and refuses anything else', () => {
    const cacheBytes = (value: string) => serveOptionsFromEnv({ CARD_CACHE_MB: value }).cacheBytes;
    expect(cacheBytes('64')).toBe(64 * 1024 * 1024);
    expect(cacheBytes('0')).toBe(0);
    expect(cacheBytes('')).toBe(64 * 1024 * 1024); // empty is unset: the default
    for (const bad of ['-1', '1.5', 'lots', '64MB'])
      expect(() => cacheBytes(bad)).toThrow(
        `CARD_CACHE_MB must be a whole number of mebibytes (0 turns the cache off); received ${JSON.stringify(bad)}.`,
      );
  });

  it('serves a repeated card from memory, not a new render', async () => {
    const quote: Quote = { id: 'q', text: '信任', lang: 'zh-Hant', speaker: { name: '李開復' }, source: { title: '論壇' } };
    const options: CardOptions = { template: 'minimal', size: 'og', lang: 'zh-Hans', theme: 'dark', scale: 1 };
    const first = await appRenderer.png(quote, options);
    expect(await appRenderer.png(quote, options)).toBe(first);
  });
});
