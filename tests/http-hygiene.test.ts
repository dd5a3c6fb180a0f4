import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parseSetting } from '../src/cards/config.ts';
import { createApp } from '../src/http/app.ts';
import { withCardCache } from '../src/node/card-cache.ts';
import { app, renderer } from './helpers.ts';
import type { Quote } from '../src/cards/quotes.ts';
import type { Renderer } from '../src/cards/render.ts';
import { readQuotesFile } from '../src/node/app.ts';

const ID = 'trust-is-the-key-skill';
const quotes: readonly Quote[] = readQuotesFile();

/** The app over a renderer that counts what it draws. */
function countingApp(options: { publicBaseUrl?: string; allowedHosts?: string } = {}) {
  const drawn = { png: 0, svg: 0 };
  const counting: Renderer = {
    ...renderer,
    png: (quote, cardOptions) => (drawn.png++, renderer.png(quote, cardOptions)),
    svg: (quote, cardOptions) => (drawn.svg++, renderer.svg(quote, cardOptions)),
  };
  const cached = withCardCache(counting, 64 * 1024 * 1024);
  const counted = createApp({
    quotes,
    renderer: cached,
    cachedCard: cached.cached,
    publicBaseUrl: options.publicBaseUrl,
    allowedHosts: parseSetting('ALLOWED_HOSTS', options.allowedHosts),
  });
  return { app: counted, drawn };
}

describe('methods', () => {
  const routes = [
    '/healthz',
    '/api/options',
    '/api/quotes',
    `/api/quotes/${ID}`,
    `/cards/${ID}.png`,
    '/',
    `/q/${ID}`,
    '/oembed',
    '/assets/share.js',
  ];

  it.each(routes.flatMap((path) => ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].map((method) => [method, path])))(
    '%s %s is a 405 with Allow: GET, HEAD, never cached, in the JSON error shape',
    async (method, path) => {
      const res = await app.request(path, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({
        error: {
          code: 'method_not_allowed',
          message: `"${method}" is not allowed on "${path}"; use GET or HEAD.`,
          allowed: ['GET', 'HEAD'],
        },
      });
    },
  );

  it('still answers 404 for a path no route has, whatever the method', async () => {
    const res = await app.request('/nowhere', { method: 'POST' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('HEAD on a card', () => {
  it('sends the headers of GET without drawing, and Content-Length once the card is in memory', async () => {
    const { app: counted, drawn } = countingApp();
    const path = `/cards/${ID}.png?theme=dark`;
    const before = await counted.request(path, { method: 'HEAD' });
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toBe('image/png');
    expect(before.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(before.headers.get('content-length')).toBeNull();
    expect(await before.arrayBuffer()).toHaveProperty('byteLength', 0);
    expect(drawn.png).toBe(0);

    const get = await counted.request(path);
    const bytes = (await get.arrayBuffer()).byteLength;
    expect(drawn.png).toBe(1);
    expect(get.headers.get('etag')).toBe(before.headers.get('etag'));

    const after = await counted.request(path, { method: 'HEAD' });
    expect(after.headers.get('content-length')).toBe(String(bytes));
    expect(drawn.png).toBe(1);
  });

  it('gives an SVG its length in UTF-8 bytes, and a layout report its length without drawing', async () => {
    const { app: counted, drawn } = countingApp();
    const svg = await (await counted.request(`/cards/${ID}.svg`)).text();
    const head = await counted.request(`/cards/${ID}.svg`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(new TextEncoder().encode(svg).byteLength));
    const report = await (await counted.request(`/cards/${ID}.json`)).text();
    const headReport = await counted.request(`/cards/${ID}.json`, { method: 'HEAD' });
    expect(headReport.headers.get('content-type')).toBe('application/json');
    expect(headReport.headers.get('content-length')).toBe(String(new TextEncoder().encode(report).byteLength));
    expect(drawn).toEqual({ png: 0, svg: 1 });
  });
});

describe('absolute URLs without PUBLIC_BASE_URL', () => {
  const forged = { headers: { Host: 'evil.example' } };

  it.each([
    ['/', 'private, max-age=300'],
    [`/q/${ID}`, 'private, max-age=300'],
    ['/api/quotes', 'private'],
    [`/api/quotes/${ID}`, 'private'],
    [`/oembed?url=${encodeURIComponent(`http://evil.example/q/${ID}`)}`, 'private, max-age=300'],
    // An error whose message names the request's origin.
    [`/oembed?url=${encodeURIComponent('http://elsewhere.example/q/x')}`, 'private, max-age=60'],
  ])('%s takes the Host but is sent %s with Vary: Host', async (path, cacheControl) => {
    const res = await app.request(`http://evil.example${path}`, forged);
    expect(res.headers.get('cache-control')).toBe(cacheControl);
    expect(res.headers.get('vary')).toBe('Host');
    expect(await res.text()).toContain('http://evil.example/');
  });

  it('leaves responses without absolute URLs public and without Vary', async () => {
    for (const path of ['/healthz', `/cards/${ID}.svg`, '/assets/share.js', '/nowhere']) {
      const res = await app.request(`http://evil.example${path}`, forged);
      expect(res.headers.get('vary'), path).toBeNull();
      expect(res.headers.get('cache-control') ?? '', path).not.toContain('private');
    }
  });

  it('is public again, without Vary, once PUBLIC_BASE_URL is set', async () => {
    const { app: configured } = countingApp({ publicBaseUrl: 'https://cards.example.com' });
    const page = await configured.request(`http://evil.example/q/${ID}`, forged);
    expect(page.headers.get('cache-control')).toBe('public, max-age=300');
    expect(page.headers.get('vary')).toBeNull();
    const $ = load(await page.text());
    expect($('meta[property="og:url"]').attr('content')).toBe(`https://cards.example.com/q/${ID}`);
    expect($('meta[property="og:image"]').attr('content')).toMatch(/^https:\/\/cards\.example\.com\/cards\//);
  });
});

describe('ALLOWED_HOSTS', () => {
  const { app: guarded } = countingApp({ allowedHosts: 'cards.example.com,localhost:8787' });

  it.each([
    ['http://cards.example.com/healthz', 200],
    ['http://cards.example.com:9000/healthz', 200],
    ['https://CARDS.example.com/healthz', 200],
    ['http://localhost:8787/healthz', 200],
    ['http://localhost:8788/healthz', 400],
    ['http://localhost/healthz', 400],
    ['http://evil.example/healthz', 400],
    ['http://cards.example.com.evil.example/healthz', 400],
  ])('%s is %d', async (url, status) => {
    expect((await guarded.request(url)).status).toBe(status);
  });

  it('refuses another host in the JSON error shape, never cached, naming the hosts allowed', async () => {
    const res = await guarded.request(`http://evil.example/api/quotes`);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      error: {
        code: 'host_not_allowed',
        message: 'This service does not answer for the host "evil.example".',
        allowed: ['cards.example.com', 'localhost:8787'],
      },
    });
  });

  it('refuses it as a page on a page, and never draws a card for it', async () => {
    const { app: counting, drawn } = countingApp({ allowedHosts: 'cards.example.com' });
    const page = await counting.request(`http://evil.example/q/${ID}`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(load(await page.text())('body').text()).toContain('evil.example');
    expect((await counting.request(`http://evil.example/cards/${ID}.png`)).status).toBe(400);
    expect(drawn.png).toBe(0);
  });
});
