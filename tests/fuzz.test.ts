import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { allowedScales } from '../src/cards/limits.ts';
import { FORMATS, CHINESE_LANGS, SCALES, SIZES, THEMES, type SizeName } from '../src/cards/options.ts';
import { expectValidBody } from './bodies.ts';
import { app, pngSize } from './helpers.ts';

// Property-based tests of every route through the app itself. Most generated
// requests fail fast (bad ids, parameters, paths); a separate, smaller
// property renders real cards. Seeds are printed on failure for replay.

const ORIGIN = 'http://localhost';
const IDS = ['trust-is-the-key-skill', 'no-such-quote', 'Bad_Id', '', '..', '%2e%2e', 'a'.repeat(81), 'agi-definition-is-narcissistic'];
const PARAMETER_VALUES: Record<string, readonly string[]> = {
  template: TEMPLATE_NAMES,
  size: Object.keys(SIZES),
  lang: CHINESE_LANGS,
  theme: Object.keys(THEMES),
  scale: [...SCALES.map(String), '0', '4', '1.5', '-1', '1e1'],
  format: ['json', 'xml', ''],
  maxwidth: ['1', '600', '1200', '2400', '0', '9999999', 'wide'],
  maxheight: ['1', '630', '2000', ''],
  v: ['00000000', 'zz', ''],
  url: [
    `${ORIGIN}/q/trust-is-the-key-skill`,
    `${ORIGIN}/q/trust-is-the-key-skill?scale=3`,
    `${ORIGIN}/q/Bad_Id`,
    'https://evil.example/q/x',
    'not a url',
    `${ORIGIN}/q/%E0%A4%A`,
  ],
  lang_: ['zh-Hant'],
};

/** Percent-encodes any string, lone surrogates included (as U+FFFD, like a browser). */
function encode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) =>
    /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
}

const anyText = fc.string({ unit: 'binary', maxLength: 30 });
const segment = fc.oneof(fc.constantFrom(...IDS), anyText.map(encode), fc.stringMatching(/^[a-z0-9%./-]{0,24}$/));
const extension = fc.constantFrom('.png', '.svg', '.json', '.PNG', '.gif', '', '.png.png', '%2Epng');

const path = fc.oneof(
  fc.tuple(segment, extension).map(([id, ext]) => `/cards/${id}${ext}`),
  segment.map((id) => `/q/${id}`),
  segment.map((id) => `/api/quotes/${id}`),
  fc.constantFrom(
    '/',
    '/api/quotes',
    '/api/options',
    '/healthz',
    '/oembed',
    '/assets/style.css',
    '/assets/share.js',
    '/assets/icon.svg',
    '/assets/__proto__',
    '/assets/constructor',
  ),
  fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
);

const parameterName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...Object.keys(PARAMETER_VALUES)) },
  { weight: 1, arbitrary: anyText },
);
const parameter = parameterName.chain((name) =>
  fc.tuple(
    fc.constant(name),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...((Object.hasOwn(PARAMETER_VALUES, name) ? PARAMETER_VALUES[name] : undefined) ?? [''])) },
      { weight: 1, arbitrary: anyText },
    ),
  ),
);
const query = fc
  .array(parameter, { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([n, v]) => `${encode(n)}=${encode(v)}`).join('&')}` : ''));

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const headers = fc.record(
  {
    'if-none-match': fc.oneof(headerValue, fc.constantFrom('*', '"abc"', 'W/"abc", "def"')),
    'accept-language': fc.oneof(headerValue, fc.constantFrom('zh-TW', 'zh-CN,zh;q=0.9')),
    accept: fc.oneof(headerValue, fc.constantFrom('image/webp', 'text/html', '*/*')),
    'x-forwarded-host': headerValue,
  },
  { requiredKeys: [] },
);
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS');

describe('fuzzing every route', () => {
  it('never answers 5xx, and every body is valid for its Content-Type', async () => {
    await fc.assert(
      fc.asyncProperty(path, query, headers, method, async (p, q, h, m) => {
        const res = await app.request(`${ORIGIN}${p}${q}`, { method: m, headers: h });
        // oEmbed's format=xml is the one deliberate 5xx: the spec asks for 501.
        const xmlOEmbed = p === '/oembed' && res.status === 501;
        if (!xmlOEmbed) expect(res.status, `${m} ${p}${q}`).toBeLessThan(500);
        await expectValidBody(res, m);
        // A 405 depends on the method, not the URL: never cached either.
        const uncached = xmlOEmbed || res.status === 405;
        if (res.status === 405) expect(res.headers.get('allow')).toBe('GET, HEAD');
        // oEmbed answers in terms of the request's origin (no PUBLIC_BASE_URL here), errors included: private.
        const cacheControl = uncached ? 'no-store' : p === '/oembed' ? 'private, max-age=60' : 'public, max-age=60';
        if (res.status >= 400) expect(res.headers.get('cache-control')).toBe(cacheControl);
      }),
      { numRuns: 1000 },
    );
  });

  it('renders every allowed combination of options as a valid card of the stated size', async () => {
    const card = fc
      .record({
        id: fc.constantFrom('trust-is-the-key-skill', 'agi-definition-is-narcissistic'),
        template: fc.constantFrom(...TEMPLATE_NAMES),
        size: fc.constantFrom(...(Object.keys(SIZES) as SizeName[])),
        lang: fc.constantFrom(...CHINESE_LANGS),
        theme: fc.constantFrom(...Object.keys(THEMES)),
        format: fc.constantFrom(...FORMATS),
      })
      .chain(
        (c) =>
          fc.record({
            ...Object.fromEntries(Object.entries(c).map(([k, v]) => [k, fc.constant(v)])),
            scale: fc.constantFrom(...allowedScales(c.size)),
          }) as fc.Arbitrary<typeof c & { scale: number }>,
      );
    await fc.assert(
      fc.asyncProperty(card, async ({ id, format, ...options }) => {
        const res = await app.request(
          `/cards/${id}.${format}?${new URLSearchParams(Object.entries(options).map(([k, v]) => [k, String(v)]))}`,
        );
        expect(res.status).toBe(200);
        if (format === 'png') {
          const { width, height } = pngSize(new Uint8Array(await res.clone().arrayBuffer()));
          const canvas = SIZES[options.size];
          expect([width, height]).toEqual([canvas.width * options.scale, canvas.height * options.scale]);
        }
        await expectValidBody(res);
      }),
      { numRuns: 12 },
    );
  });
});
