import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { load } from 'cheerio';
import ogs from 'open-graph-scraper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeApp, readQuotesFile } from '../src/node/app.ts';
import { app, decodePng, getBytes, pngSize } from './helpers.ts';

const ID = 'trust-is-the-key-skill';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A content-addressed card path (see cardUrl in src/http/urls.ts). */
const ADDRESS = /^\/cards\/([a-z0-9-]+)\/([a-z]+)\.([a-z]+)\.(zh-Hant|zh-HK|zh-Hans)\.([a-z]+)(\.x\d)?(\.w\d+)?\.([0-9a-f]{12})\.png$/;

/** The current content-addressed path of a card, as the API links it. */
async function addressOf(id: string, lang = 'zh-Hant'): Promise<string> {
  const body = await (await app.request(`/api/quotes/${id}?lang=${lang}`)).json();
  return new URL(body.card).pathname;
}

describe('share links through a real unfurl client (open-graph-scraper over HTTP)', () => {
  let server: ServerType;
  let origin: string;
  beforeAll(async () => {
    server = await new Promise<ServerType>((resolve) => {
      const started: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const TRACKING = [
    'fbclid=IwAR2xY7_abc',
    'gclid=Cj0KCQiA',
    'utm_source=newsletter&utm_medium=email&utm_campaign=launch',
    'ref=producthunt',
    'mc_eid=123&igshid=xyz',
  ];
  const SIZES = ['og', 'square', 'story'] as const;

  it.each(SIZES.flatMap((size) => TRACKING.map((tracking) => [size, tracking] as const)))(
    'unfurls a %s share page reached with ?%s into the 1.91:1 og card',
    async (size, tracking) => {
      const { error, result } = await ogs({ url: `${origin}/q/${ID}?size=${size}&theme=dark&${tracking}` });
      expect(error).toBe(false);
      expect(result.success).toBe(true);
      const canonical = `${origin}/q/${ID}?${size === 'og' ? '' : `size=${size}&`}theme=dark`;
      expect(result.ogUrl).toBe(canonical);
      const image = result.ogImage![0]!;
      expect(image).toMatchObject({ width: '1200', height: '630', type: 'image/png' });
      expect(image.alt).toContain('最重要的技能是贏得他人的信任');
      const path = new URL(image.url).pathname;
      expect(path).toMatch(ADDRESS);
      expect(ADDRESS.exec(path)!.slice(2, 6)).toEqual(['classic', 'og', 'zh-Hant', 'dark']);
      expect(result.twitterCard).toBe('summary_large_image');
      expect(result.twitterImage![0]!.url).toBe(image.url);
      // The image is what the tags say: a 1200×630 PNG, from a path with no query.
      const res = await fetch(image.url);
      expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
      expect(pngSize(new Uint8Array(await res.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
      // Nothing the web added is kept in the page's own links.
      const $ = load(await (await fetch(`${origin}/q/${ID}?size=${size}&theme=dark&${tracking}`)).text());
      expect($('link[rel=canonical]').attr('href')).toBe(canonical);
      expect($('link[type="application/json+oembed"]').attr('href')).toBe(
        `${origin}/oembed?${new URLSearchParams({ url: canonical, format: 'json' })}`,
      );
      // The preview and the download stay the chosen size.
      expect($('#preview').attr('src')).toMatch(new RegExp(`/classic\\.${size}\\.zh-Hant\\.dark\\.[0-9a-f]{12}\\.png$`));
    },
  );

  it('answers oEmbed for a share page URL carrying tracking parameters', async () => {
    const page = `${origin}/q/${ID}?size=square&utm_source=x&fbclid=y`;
    const res = await fetch(`${origin}/oembed?${new URLSearchParams({ url: page, maxwidth: '640', callback: 'ignored' })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = await res.json();
    expect([body.width, body.height]).toEqual([640, 640]);
    expect(body.web_page).toBe(`${origin}/q/${ID}?size=square`);
  });
});

describe('pages accept what the web adds', () => {
  it('ignores unknown parameters on /, /q/:id and /oembed, and still refuses a bad known one', async () => {
    expect((await app.request('/?fbclid=abc&utm_source=x&ref=y')).status).toBe(200);
    expect((await app.request(`/q/${ID}?gclid=1&anything=else&utm_content=%E2%9C%93`)).status).toBe(200);
    // A repeated unknown parameter is as harmless as a single one.
    expect((await app.request(`/q/${ID}?utm_source=a&utm_source=b`)).status).toBe(200);
    const bad = await app.request(`/q/${ID}?theme=sepia&fbclid=1`);
    expect(bad.status).toBe(400);
    expect(
      load(await bad.text())('main p')
        .first()
        .text(),
    ).toBe('Invalid value for "theme": "sepia". Allowed: light, dark.');
    expect((await app.request('/?lang=fr&utm_source=x')).status).toBe(400);
  });

  it.each([
    [`/q/${ID}/`, `/q/${ID}`],
    [`/q/${ID}/?theme=dark&utm_source=x`, `/q/${ID}?theme=dark`],
    [`/q/${ID}/?lang=zh-tw&size=story`, `/q/${ID}?size=story`],
  ])('redirects %s to its canonical URL %s with a 301', async (path, location) => {
    const res = await app.request(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
  });

  it.each([
    ['zh-hant', 'zh-Hant', 'zh-Hant-TW'],
    ['ZH-HANT', 'zh-Hant', 'zh-Hant-TW'],
    ['zh-TW', 'zh-Hant', 'zh-Hant-TW'],
    ['zh-hk', 'zh-HK', 'zh-Hant-HK'],
    ['zh-MO', 'zh-HK', 'zh-Hant-HK'],
    ['zh-CN', 'zh-Hans', 'zh-Hans-CN'],
    ['zh-sg', 'zh-Hans', 'zh-Hans-CN'],
    ['zh-hans', 'zh-Hans', 'zh-Hans-CN'],
  ])('reads lang=%s as %s on pages and the API', async (tag, lang, htmlLang) => {
    const $ = load(await (await app.request(`/q/${ID}?lang=${tag}`)).text());
    expect($('html').attr('lang')).toBe(htmlLang);
    expect($('link[rel=canonical]').attr('href')).toBe(`http://localhost/q/${ID}${lang === 'zh-Hant' ? '' : `?lang=${lang}`}`);
    expect(load(await (await app.request(`/?lang=${tag}`)).text())('html').attr('lang')).toBe(htmlLang);
    expect((await (await app.request(`/api/quotes/${ID}?lang=${tag}`)).json()).lang).toBe(lang);
  });
});

describe('content-addressed card URLs', () => {
  it('serves the current path immutable, with its ETag and CORS, and a 304 on revalidation', async () => {
    const path = await addressOf(ID);
    expect(path).toMatch(ADDRESS);
    const { res, bytes } = await getBytes(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    // The path's hash is the start of the card hash the ETag carries.
    expect(etag.slice(3, 15)).toBe(ADDRESS.exec(path)![8]);
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
    // The same image as the query-string form.
    const { bytes: byQuery } = await getBytes(`/cards/${ID}.png`);
    expect(decodePng(bytes).data.equals(decodePng(byQuery).data)).toBe(true);
    const again = await app.request(path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('gives every option its own path and carries scale and width in it', async () => {
    const { quotes } = await (await app.request('/api/quotes')).json();
    const paths = new Set(quotes.map((quote: { card: string }) => new URL(quote.card).pathname));
    expect(paths.size).toBe(quotes.length);
    const $ = load(await (await app.request(`/q/${ID}?size=og&scale=2&template=ming&lang=zh-HK`)).text());
    const download = $('#download').attr('href')!;
    expect(ADDRESS.exec(download)!.slice(2, 8)).toEqual(['ming', 'og', 'zh-HK', 'light', '.x2', undefined]);
    const { bytes } = await getBytes(download);
    expect(pngSize(bytes)).toEqual({ width: 2400, height: 1260 });
  });

  it('changes the path when the quote changes, and redirects the old path (302, briefly cached) to the new one', async () => {
    const [quote] = readQuotesFile().filter((entry) => entry.id === ID);
    const { app: edited } = createNodeApp([{ ...quote!, text: `${quote!.text}！` }]);
    const before = await addressOf(ID);
    const after = new URL((await (await edited.request(`/api/quotes/${ID}`)).json()).card).pathname;
    expect(after).not.toBe(before);
    expect(after.replace(/\.[0-9a-f]{12}\.png$/, '')).toBe(before.replace(/\.[0-9a-f]{12}\.png$/, ''));
    const res = await edited.request(before);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(after);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await edited.request(after)).status).toBe(200);
  });

  it('answers another spelling of the same card with a 301 to the canonical path', async () => {
    const path = await addressOf(ID, 'zh-HK');
    const hash = ADDRESS.exec(path)![8];
    for (const spelling of [
      `classic.og.zh-hk.light.${hash}.png`,
      `classic.og.zh-MO.light.${hash}.png`,
      `classic.og.zh-HK.light.x1.${hash}.png`,
    ]) {
      const res = await app.request(`/cards/${ID}/${spelling}`);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(path);
    }
  });

  it.each([
    [`/cards/${ID}/classic.og.zh-Hant.light.png`, 404, 'not_found'],
    [`/cards/${ID}/classic.og.zh-Hant.png`, 404, 'not_found'],
    [`/cards/${ID}/classic.og.zh-Hant.light.0123456789ab.gif`, 404, 'not_found'],
    [`/cards/${ID}/fancy.og.zh-Hant.light.0123456789ab.png`, 400, 'invalid_parameter'],
    [`/cards/${ID}/classic.huge.zh-Hant.light.0123456789ab.png`, 400, 'invalid_parameter'],
    [`/cards/${ID}/classic.og.fr.light.0123456789ab.png`, 400, 'invalid_parameter'],
    [`/cards/${ID}/classic.story.zh-Hant.light.x2.0123456789ab.png`, 400, 'canvas_too_large'],
    [`/cards/${ID}/classic.og.zh-Hant.light.x2.w640.0123456789ab.png`, 400, 'invalid_parameter'],
    [`/cards/${ID}/classic.og.zh-Hant.light.0123456789ab.png?theme=dark`, 400, 'unknown_parameter'],
    ['/cards/no-such-quote/classic.og.zh-Hant.light.0123456789ab.png', 404, 'unknown_quote'],
    ['/cards/Bad_Id/classic.og.zh-Hant.light.0123456789ab.png', 400, 'invalid_id'],
  ])('refuses the malformed %s with %i %s', async (path, status, code) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('redirects a non-canonical language tag in the query-string form (301)', async () => {
    for (const [query, location] of [
      ['?lang=zh-TW', `/cards/${ID}.png`],
      ['?lang=zh-cn&theme=dark', `/cards/${ID}.png?lang=zh-Hans&theme=dark`],
      ['?lang=ZH-hk', `/cards/${ID}.png?lang=zh-HK`],
    ]) {
      const res = await app.request(`/cards/${ID}.png${query}`);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(location);
    }
    // Card routes stay strict: a parameter they do not know is refused.
    expect((await app.request(`/cards/${ID}.png?fbclid=1`)).status).toBe(400);
  });
});

describe('renditions by width', () => {
  it.each([
    ['og', 320, 168],
    ['og', 400, 210],
    ['og', 640, 336],
    ['og', 1080, 567],
    ['square', 480, 480],
    ['story', 320, 569],
    ['story', 800, 1422],
  ])('renders a %s card %i px wide at %i px high', async (size, width, height) => {
    const { res, bytes } = await getBytes(`/cards/${ID}.png?size=${size}&width=${width}`);
    expect(res.status).toBe(200);
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([width, height]);
    const report = await (await app.request(`/cards/${ID}.json?size=${size}`)).json();
    expect(report.canvas.width / report.canvas.height).toBeCloseTo(width / height, 2);
  });

  it.each([
    ['?width=500', 'Invalid value for "width": "500". Allowed: 320, 400, 480, 640, 800, 1080, 1200.'],
    ['?width=0', 'Invalid value for "width": "0". Allowed: 320, 400, 480, 640, 800, 1080, 1200.'],
    [
      '?size=square&width=1200',
      'Invalid value for "width": "1200" is wider than a square card (1080 px). Allowed for square: 320, 400, 480, 640, 800, 1080.',
    ],
    ['?width=640&scale=1', '"width" and "scale" cannot be given together: a width names the PNG\'s pixel size.'],
    ['?width=640&width=320', 'Query parameter "width" is given 2 times; give it once.'],
  ])('refuses %s with a 400 that says what is allowed', async (query, message) => {
    const res = await app.request(`/cards/${ID}.png${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe(message);
  });

  it('refuses a width on an SVG or a layout report', async () => {
    for (const format of ['svg', 'json']) {
      const res = await app.request(`/cards/${ID}.${format}?width=640`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBe(`"width" applies to PNG cards only, not .${format}.`);
    }
  });
});

describe('oEmbed maxwidth and maxheight', () => {
  const oembed = (page: string, bounds: Record<string, string>) =>
    app.request(`/oembed?${new URLSearchParams({ url: `http://localhost/q/${ID}${page}`, ...bounds })}`);

  it.each([
    ['', { maxwidth: '640' }, 640, 336],
    ['', { maxwidth: '1199' }, 1080, 567],
    ['', { maxheight: '400' }, 640, 336],
    ['?scale=2', { maxwidth: '2400' }, 2400, 1260],
    ['?scale=2', { maxwidth: '1500' }, 1200, 630],
    ['?size=story', { maxheight: '600' }, 320, 569],
    ['?size=story', { maxwidth: '900', maxheight: '1500' }, 800, 1422],
    ['?size=square', { maxwidth: '320', maxheight: '320' }, 320, 320],
  ])('fits the %s card to %j with the largest rendition: %i×%i', async (page, bounds, width, height) => {
    const body = await (await oembed(page, bounds)).json();
    expect([body.width, body.height]).toEqual([width, height]);
    expect(new URL(body.url).pathname).toMatch(ADDRESS);
    const { bytes } = await getBytes(new URL(body.url).pathname);
    expect(pngSize(bytes)).toEqual({ width, height });
  });

  it('answers 404 only below the smallest rendition', async () => {
    expect((await oembed('', { maxwidth: '320' })).status).toBe(200);
    const res = await oembed('', { maxwidth: '319' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe(
      'The og card is 320×168 pixels at its smallest, larger than maxwidth=319 / maxheight=none.',
    );
    expect((await oembed('?size=story', { maxheight: '568' })).status).toBe(404);
  });
});

describe('cross-origin use', () => {
  it.each([`/cards/${ID}.png`, `/cards/${ID}.svg`, `/cards/${ID}.json`, '/api/quotes', `/api/quotes/${ID}`, '/api/options'])(
    '%s may be fetched by any site',
    async (path) => {
      expect((await app.request(path)).headers.get('access-control-allow-origin')).toBe('*');
    },
  );

  it('keeps pages same-origin', async () => {
    expect((await app.request(`/q/${ID}`)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the gallery’s weight', () => {
  it('with its thumbnails, weighs under a third of the same page with full-size cards', async () => {
    const html = await (await app.request('/')).text();
    const sources = load(html)('ul.gallery img')
      .map((_, img) => load(img)('img').attr('src'))
      .get();
    const bytes = async (path: string) => (await app.request(path)).arrayBuffer().then((body) => body.byteLength);
    const thumbnails = (await Promise.all(sources.map(bytes))).reduce((sum, size) => sum + size, 0);
    const ids = sources.map((src) => ADDRESS.exec(src)![1]!);
    const fullSize = (await Promise.all(ids.map((id) => bytes(`/cards/${id}.png`)))).reduce((sum, size) => sum + size, 0);
    const page = new TextEncoder().encode(html).length;
    expect(sources.every((src) => src.includes('.w400.'))).toBe(true);
    expect(page + thumbnails).toBeLessThan((page + fullSize) / 3);
  });
});
