import { load } from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeApp } from '../src/node/app.ts';
import { parseQuotes } from '../src/cards/quotes.ts';
import { expectValidBody, parseStrictHtml } from './bodies.ts';
import { decodePng, parseSvg } from './helpers.ts';

// Quotes that try to become markup, through a custom quotes file: every
// output must show them as text.
const HOSTILE = `<script>alert("x")</script> & 'single' "double" ]]> <![CDATA[ x ]]> </svg><svg onload=alert(1)> &amp; &#x3C;b&#x3E; {{7*7}} \${7*7}\n信任是關鍵 😀 𠀋`;
const CORPUS = [
  {
    id: 'hostile-text',
    text: HOSTILE,
    lang: 'zh-Hant',
    speaker: { name: '<img src=x onerror=alert(1)>', nameEn: '"><script>alert(2)</script>' },
    source: {
      title: '</title><script>alert(3)</script>',
      titleEn: "javascript:alert('x')",
      url: 'https://example.com/?q="><script>alert(4)</script>&x=1',
    },
  },
  {
    id: 'hostile-attribution',
    text: '最重要的技能是贏得他人的信任。',
    lang: 'zh-Hans',
    speaker: { name: 'a"b\'c&d<e>f' },
    source: { title: ']]><foreignObject><body onload="alert(5)"/></foreignObject>' },
  },
];
const quotes = parseQuotes(JSON.stringify(CORPUS), 'hostile.json');
const { app } = createNodeApp(quotes, { cacheBytes: 0 });

/** Every element name and attribute name in an SVG document. */
function svgNames(svg: string): { elements: Set<string>; attributes: Map<string, string[]> } {
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: false }).parse(svg);
  const elements = new Set<string>();
  const attributes = new Map<string, string[]>();
  const walk = (node: unknown, name: string) => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, name));
    elements.add(name);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@')) attributes.set(key.slice(1), [...(attributes.get(key.slice(1)) ?? []), String(value)]);
      else if (key !== '#text') walk(value, key);
    }
  };
  for (const [key, value] of Object.entries(tree)) if (!key.startsWith('?')) walk(value, key);
  return { elements, attributes };
}

/** SVG elements a card is drawn with; anything else (script, foreignObject, a, iframe…) is injected. */
const DRAWING_ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'defs',
  'clipPath',
  'mask',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'filter',
  'feGaussianBlur',
  'feOffset',
  'feFlood',
  'feComposite',
  'feMerge',
  'feMergeNode',
  'feDropShadow',
  'image',
  'line',
  'circle',
  'ellipse',
  'polygon',
  'polyline',
]);

afterEach(() => vi.restoreAllMocks());

describe('quote text that looks like markup', () => {
  it.each(CORPUS.map((quote) => quote.id))('%s: the SVG is valid XML with no injected element, handler or link', async (id) => {
    const res = await app.request(`/cards/${id}.svg`);
    expect(res.status).toBe(200);
    const svg = await res.text();
    parseSvg(svg);
    const { elements, attributes } = svgNames(svg);
    expect([...elements].filter((name) => !DRAWING_ELEMENTS.has(name))).toEqual([]);
    expect([...attributes.keys()].filter((name) => /^on/i.test(name))).toEqual([]);
    for (const link of [...(attributes.get('href') ?? []), ...(attributes.get('xlink:href') ?? [])]) expect(link).toMatch(/^(data:|#)/);
    // Satori draws text as glyph outlines: none of the text survives as text.
    expect(svg).not.toMatch(/script|alert|onload|onerror|CDATA/i);
  });

  it.each(CORPUS.map((quote) => quote.id))('%s: the PNG renders', async (id) => {
    const res = await app.request(`/cards/${id}.png?theme=dark`);
    expect(res.status).toBe(200);
    expect(decodePng(new Uint8Array(await res.arrayBuffer())).width).toBe(1200);
  });

  it('renders without fetching anything: no URL the input controls is loaded', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    for (const id of ['hostile-text', 'hostile-attribution']) {
      expect((await app.request(`/cards/${id}.png?template=minimal&size=story`)).status).toBe(200);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('escapes it on the share page: the text is text, and the only script is our own', async () => {
    const res = await app.request('/q/hostile-text');
    expect(res.status).toBe(200);
    const html = await res.text();
    parseStrictHtml(html);
    const $ = load(html);
    expect($('#quote-text').text()).toBe(quotes[0]!.text);
    expect($('#quote-speaker').text()).toBe('<img src=x onerror=alert(1)>');
    expect(
      $('script')
        .map((_, el) => $(el).attr('src'))
        .get(),
    ).toEqual([expect.stringMatching(/^\/assets\/share\.js\?v=/)]);
    expect($('img').length).toBe(1);
    const handlers = $('*')
      .toArray()
      .flatMap((el) => Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}).filter((name) => /^on/i.test(name)));
    expect(handlers).toEqual([]);
    expect($('.source-link a').attr('href')).toBe(CORPUS[0]!.source.url);
    expect($('meta[property="og:title"]').attr('content')).toContain('<img src=x onerror=alert(1)>');
  });

  it('escapes it in the gallery', async () => {
    const res = await app.request('/');
    const html = await res.text();
    parseStrictHtml(html);
    const $ = load(html);
    expect($('script').length).toBe(0);
    expect($('.gallery blockquote').first().text()).toBe(quotes[0]!.text);
    expect($('.gallery .by').last().text()).toContain(']]><foreignObject><body onload="alert(5)"/></foreignObject>');
    expect($('foreignObject, body *[onload]').length).toBe(0);
  });

  it('keeps it as a plain string in JSON: oEmbed and the quote API', async () => {
    const oembed = await app.request(`/oembed?url=${encodeURIComponent('http://localhost/q/hostile-text')}`);
    await expectValidBody(oembed.clone());
    expect((await oembed.json()).title).toContain(quotes[0]!.text);
    const api = await (await app.request('/api/quotes/hostile-text')).json();
    expect(api.text).toBe(quotes[0]!.text);
    expect(api.source.url).toBe(CORPUS[0]!.source.url);
  });
});
