import { load } from 'cheerio';
import ogs from 'open-graph-scraper';
import { describe, expect, it } from 'vitest';
import { createNodeApp } from '../src/node/app.ts';
import { parseQuotes } from '../src/cards/quotes.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { app, decodePng, pngSize } from './helpers.ts';

const ID = 'trust-is-the-key-skill';
const ORIGIN = 'http://localhost';

/** Fetches a page from the app and reads its tags with a real Open Graph parser. */
async function openGraph(path: string, on = app) {
  const res = await on.request(path);
  const page = await res.text();
  const { error, result } = await ogs({ html: page, onlyGetOpenGraphInfo: true });
  expect(error).toBe(false);
  return { res, page, og: result };
}

/** A content-addressed card path (see cardUrl): the id, the options spelled out, a 12-digit hash. */
function address(id: string, stem: string, origin = ''): RegExp {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${escaped(origin)}/cards/${id}/${escaped(stem)}\\.[0-9a-f]{12}\\.png$`);
}

/** A page's DOM, through the HTML parser the OG parser uses. */
function head(page: string) {
  return load(page);
}

describe('GET /q/:id', () => {
  it('carries every Open Graph and Twitter tag, with absolute URLs', async () => {
    const { res, page, og } = await openGraph(`/q/${ID}?template=minimal&theme=dark`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const pageUrl = `${ORIGIN}/q/${ID}?template=minimal&theme=dark`;
    const imageUrl = expect.stringMatching(address(ID, 'minimal.og.zh-Hant.dark', ORIGIN));
    expect(og.ogType).toBe('article');
    expect(og.ogTitle).toContain('李開復');
    expect(og.ogDescription).toBe('「在過去的 20 年裡，我一直告訴年輕人，最重要的技能是贏得他人的信任。」— 李開復，財富創新論壇');
    expect(og.ogUrl).toBe(pageUrl);
    expect(og.ogLocale).toBe('zh_TW');
    expect(og.ogImage).toEqual([
      { url: imageUrl, width: '1200', height: '630', type: 'image/png', alt: expect.stringContaining('最重要的技能是贏得他人的信任') },
    ]);
    expect(og.twitterCard).toBe('summary_large_image');
    expect(og.twitterImage).toEqual([expect.objectContaining({ url: og.ogImage![0]!.url, alt: og.ogImage![0]!.alt })]);

    const $ = head(page);
    expect($('html').attr('lang')).toBe('zh-Hant-TW');
    expect($('link[rel=canonical]').attr('href')).toBe(pageUrl);
    const oembed = $('link[rel=alternate][type="application/json+oembed"]').attr('href')!;
    expect(oembed).toBe(`${ORIGIN}/oembed?url=${encodeURIComponent(pageUrl)}&format=json`);
    // The quote is real, selectable text on the page, not only in the image.
    expect($('blockquote').text()).toBe('在過去的 20 年裡，我一直告訴年輕人，最重要的技能是贏得他人的信任。');
  });

  it('points og:image at the 1.91:1 og card of exactly the declared size, whatever the size shown', async () => {
    for (const [query, stem] of [
      ['', 'classic.og.zh-Hant.light'],
      ['?size=story&lang=zh-Hans', 'classic.og.zh-Hans.light'],
      ['?size=square&template=kai&theme=dark', 'kai.og.zh-Hant.dark'],
      ['?scale=2', 'classic.og.zh-Hant.light'],
    ] as const) {
      const { og } = await openGraph(`/q/${ID}${query}`);
      const image = og.ogImage![0]!;
      expect(image.url).toMatch(address(ID, stem, ORIGIN));
      expect([image.width, image.height]).toEqual(['1200', '630']);
      const res = await app.request(image.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(image.type);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(pngSize(bytes)).toEqual({ width: Number(image.width), height: Number(image.height) });
      expect(decodePng(bytes).width).toBe(Number(image.width));
    }
  });

  it.each([
    ['zh-Hant', 'zh-Hant-TW', 'zh_TW', '贏得他人的信任'],
    ['zh-HK', 'zh-Hant-HK', 'zh_HK', '贏得他人的信任'],
    ['zh-Hans', 'zh-Hans-CN', 'zh_CN', '赢得他人的信任'],
  ])('shows lang=%s as <html lang="%s"> with text in that script', async (lang, htmlLang, locale, words) => {
    const { page, og } = await openGraph(`/q/${ID}?lang=${lang}`);
    const $ = head(page);
    expect($('html').attr('lang')).toBe(htmlLang);
    expect(og.ogLocale).toBe(locale);
    expect($('blockquote').text()).toContain(words);
    expect(og.ogDescription).toContain(words);
  });

  it('leaves defaults out of the canonical URL and keeps the parameters in a fixed order', async () => {
    const { og } = await openGraph(`/q/${ID}?theme=dark&template=classic&size=og&lang=zh-Hant`);
    expect(og.ogUrl).toBe(`${ORIGIN}/q/${ID}?theme=dark`);
  });

  it('takes absolute URLs from PUBLIC_BASE_URL when it is set', async () => {
    const { app: behindProxy } = createNodeApp(undefined, { publicBaseUrl: 'https://cards.example.org/' });
    const { page, og } = await openGraph(`/q/${ID}`, behindProxy);
    expect(og.ogUrl).toBe(`https://cards.example.org/q/${ID}`);
    expect(og.ogImage![0]!.url).toMatch(address(ID, 'classic.og.zh-Hant.light', 'https://cards.example.org'));
    expect(head(page)('link[rel=canonical]').attr('href')).toBe(`https://cards.example.org/q/${ID}`);
    const api = await (await behindProxy.request(`/api/quotes/${ID}`)).json();
    expect(api.card).toBe(og.ogImage![0]!.url);
  });

  it('refuses a PUBLIC_BASE_URL that is not an origin', () => {
    expect(() => createNodeApp(undefined, { publicBaseUrl: 'cards.example.org' })).toThrow(/absolute URL.*"cards\.example\.org"/);
    expect(() => createNodeApp(undefined, { publicBaseUrl: 'https://cards.example.org/base' })).toThrow(/origin only/);
  });

  it('validates the query with the card parser, and explains a bad link on a page', async () => {
    const bad = await app.request(`/q/${ID}?template=fancy`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(bad.headers.get('cache-control')).toBe('public, max-age=60');
    const $ = head(await bad.text());
    expect($('main p').first().text()).toBe(`Invalid value for "template": "fancy". Allowed: ${TEMPLATE_NAMES.join(', ')}.`);
    expect($('main a').attr('href')).toBe('/');
    const hostile = await (await app.request(`/q/${ID}?template=${encodeURIComponent('<script>alert(1)</script>')}`)).text();
    expect(hostile).not.toContain('<script>alert');
    expect(head(hostile)('main p').first().text()).toContain('"<script>alert(1)</script>"');
    expect((await app.request(`/q/${ID}?size=og&size=square`)).status).toBe(400);
    expect((await app.request('/q/no-such-quote')).status).toBe(404);
    expect((await app.request('/q/Bad_Id')).status).toBe(400);
  });

  it('serves the picker with every option, the current ones selected, and links to copy and download', async () => {
    const res = await app.request(`/q/${ID}?size=og&theme=dark&scale=2`);
    const $ = head(await res.text());
    const options = await (await app.request('/api/options')).json();
    for (const [name, values] of [
      ['template', options.templates.map((t: { name: string }) => t.name)],
      ['size', options.sizes.map((s: { name: string }) => s.name)],
      // A Chinese quote comes in the three Chinese scripts only.
      ['lang', ['zh-Hant', 'zh-HK', 'zh-Hans']],
      ['theme', options.themes],
      ['scale', options.scales.map(String)],
    ] as const) {
      const select = $(`form#picker select[name=${name}]`);
      expect(
        select
          .find('option')
          .map((_, o) => $(o).attr('value'))
          .get(),
      ).toEqual(values);
      expect(select.attr('data-default')).toBe(String(options.defaults[name]));
    }
    expect($('select[name=size] option:selected').attr('value')).toBe('og');
    expect($('select[name=theme] option:selected').attr('value')).toBe('dark');
    expect($('#page-url').attr('value')).toBe(`${ORIGIN}/q/${ID}?theme=dark&scale=2`);
    expect($('#download').attr('href')).toMatch(address(ID, 'classic.og.zh-Hant.dark.x2'));
    expect($('#image-url').attr('value')).toBe(ORIGIN + $('#download').attr('href'));
    expect($('#download').attr('download')).toBe(`${ID}-dark-2.png`);
    // The preview stays at 1× whatever the download scale.
    expect($('#preview').attr('src')).toMatch(address(ID, 'classic.og.zh-Hant.dark'));
    expect([$('#preview').attr('width'), $('#preview').attr('height')]).toEqual(['1200', '630']);
    // Scales above the pixel limit for the size are offered disabled, and only with the sizes that allow them.
    const scaleOption = (value: string) => $(`select[name=scale] option[value=${value}]`);
    expect(scaleOption('2').attr('disabled')).toBeUndefined();
    expect(scaleOption('2').attr('data-sizes')).toBe('og');
    expect(scaleOption('3').attr('disabled')).toBe('disabled');
    expect(scaleOption('1').attr('data-sizes')).toBe('og square story');
  });
});

describe('GET /', () => {
  it('lists every quote with a lazy, sized thumbnail, its text and a link to its share page', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const page = await res.text();
    const $ = head(page);
    const quotes = (await (await app.request('/api/quotes')).json()).quotes as { id: string; text: string }[];
    const items = $('ul.gallery > li');
    expect(items.length).toBe(quotes.length);
    items.each((index, item) => {
      const quote = quotes[index]!;
      expect($(item).find('a').attr('href')).toBe(`/q/${quote.id}`);
      const img = $(item).find('img');
      expect(img.attr('src')).toMatch(address(quote.id, 'classic.og.zh-Hant.light.w400'));
      const srcset = img
        .attr('srcset')!
        .split(', ')
        .map((entry) => entry.split(' '));
      expect(srcset.map(([, width]) => width)).toEqual(['400w', '640w', '800w']);
      srcset.forEach(([url, width]) => expect(url).toMatch(address(quote.id, `classic.og.zh-Hant.light.w${parseInt(width!)}`)));
      expect(img.attr('loading')).toBe('lazy');
      expect([img.attr('width'), img.attr('height')]).toEqual(['1200', '630']);
      expect($(item).find('blockquote').text()).toBe(quote.text);
    });
    // Light: the page itself stays small (three thumbnail paths per quote), and needs no framework.
    expect(new TextEncoder().encode(page).length).toBeLessThan(48_000);
    expect($('script').length).toBe(0);
  });

  it('shows the gallery in another script with ?lang', async () => {
    const $ = head(await (await app.request('/?lang=zh-Hans')).text());
    expect($('html').attr('lang')).toBe('zh-Hans-CN');
    expect($('ul.gallery a').first().attr('href')).toMatch(/^\/q\/[a-z0-9-]+\?lang=zh-Hans$/);
    expect((await app.request('/?lang=fr')).status).toBe(400);
  });
});

describe('escaping', () => {
  const hostile = `<script>alert("x")</script> & '單' "雙" </blockquote><img src=x onerror=alert(1)>`;
  const { app: hostileApp } = createNodeApp(
    parseQuotes(
      JSON.stringify([
        {
          id: 'hostile',
          text: hostile,
          lang: 'zh-Hant',
          speaker: { name: `"><script>alert(2)</script>`, nameEn: `O'Brien & "Co"` },
          source: { title: `a&b <i>c</i>`, url: 'https://example.org/?a=1&b="2"' },
        },
      ]),
    ),
  );

  it.each(['/q/hostile', '/'])('escapes quote text in every HTML and attribute context of %s', async (path) => {
    const res = await hostileApp.request(path);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('"><script>');
    const $ = head(page);
    // Parsed back, every context holds the text exactly as written.
    expect($('blockquote').first().text()).toBe(hostile);
    expect($('script').length).toBe(path === '/' ? 0 : 1);
    expect($('img[onerror]').length).toBe(0);
    if (path === '/q/hostile') {
      const { result } = await ogs({ html: page, onlyGetOpenGraphInfo: true });
      expect(result.ogDescription).toBe(`「${hostile}」— "><script>alert(2)</script>，a&b <i>c</i>`);
      expect(result.ogImage![0]!.alt).toBe(result.ogDescription);
      expect($('#preview').attr('alt')).toBe(result.ogDescription);
      expect($('.source-link a').attr('href')).toBe('https://example.org/?a=1&b="2"');
      expect($('.by-en').text()).toBe(`O'Brien & "Co"`);
    }
  });
});

describe('page headers', () => {
  it.each(['/', `/q/${ID}`])('%s carries a CSP, nosniff, a Referrer-Policy and a short private max-age', async (path) => {
    const res = await app.request(path);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // Without PUBLIC_BASE_URL its absolute URLs follow the Host: no shared cache may keep them.
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    expect(res.headers.get('vary')).toBe('Host');
  });

  it('keeps every script and style of the pages in files the CSP allows', async () => {
    const $ = head(await (await app.request(`/q/${ID}`)).text());
    expect($('script:not([src])').length).toBe(0);
    expect($('style').length).toBe(0);
    expect($('[style]').length).toBe(0);
    for (const src of [
      ...$('script[src]')
        .map((_, s) => $(s).attr('src'))
        .get(),
      $('link[rel=stylesheet]').attr('href')!,
    ]) {
      const res = await app.request(src);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await app.request('/assets/share.js')).headers.get('cache-control')).toBe('public, max-age=300');
    expect((await app.request('/assets/share.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await app.request('/assets/nope.js')).status).toBe(404);
  });

  it('gives SVG cards a restrictive CSP', async () => {
    const res = await app.request(`/cards/${ID}.svg`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
