import { readFile, readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeApp } from '../src/node/app.ts';
import { FONT_ASSET_PREFIX } from '../src/worker/font-assets.ts';
import { FONT_ASSETS, fontAssetFiles } from '../scripts/font-assets.ts';
import { PAGE_FONT_VERSIONS } from '../src/http/page-font-versions.ts';
import { startWranglerDev, type WranglerDev } from '../scripts/wrangler-dev.ts';

const root = new URL('../', import.meta.url);

describe('the font assets folder', () => {
  it('holds the subsets and licences of fonts/, byte for byte, and nothing else (npm run font-assets)', async () => {
    const files = await fontAssetFiles();
    expect(files).toContain('sans-hant-400.otf');
    expect(files).toContain('OFL-NotoSansCJK.txt');
    expect((await readdir(FONT_ASSETS)).sort()).toEqual(files);
    for (const file of files) {
      const copy = await readFile(new URL(file, FONT_ASSETS));
      expect(
        copy.equals(await readFile(new URL(`fonts/${file}`, root))),
        `assets${FONT_ASSET_PREFIX}${file} differs from fonts/${file}`,
      ).toBe(true);
    }
  });

  it('shares the assets directory only with the pages’ web fonts and their headers, so no asset answers a card, page or API path', async () => {
    expect((await readdir(new URL('assets/', root))).sort()).toEqual([FONT_ASSET_PREFIX.replaceAll('/', ''), '_headers', 'assets']);
    // /assets/page-*.woff2: the same bytes the Node app serves at that path (see src/node/page-fonts.ts).
    expect((await readdir(new URL('assets/assets/', root))).sort()).toEqual(['page-hans.woff2', 'page-hant.woff2']);
  });

  it('is declared in wrangler.toml with the ASSETS binding, and the Worker does not run first', async () => {
    const toml = await readFile(new URL('wrangler.toml', root), 'utf8');
    const section = /^\[assets\]\n((?:[^[\n].*\n?)*)/m.exec(toml)?.[1] ?? '';
    expect(section).toMatch(/^directory = "assets"$/m);
    expect(section).toMatch(/^binding = "ASSETS"$/m);
    expect(section).not.toMatch(/run_worker_first/);
  });
});

// The real routing layer: wrangler dev serves a path from the assets when one
// matches it (by path alone, ignoring the query) and runs the Worker otherwise.
describe('the Worker under wrangler dev', () => {
  let dev: WranglerDev;
  const { app } = createNodeApp();
  beforeAll(async () => {
    dev = await startWranglerDev('wrangler.toml');
  }, 120_000);
  afterAll(() => dev?.stop());

  it('serves a font from the assets under /_fonts/, whatever the query', async () => {
    const res = await fetch(`${dev.origin}/_fonts/sans-hant-400.otf?lang=zh-Hans`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(new URL('fonts/sans-hant-400.otf', root)))).toBe(true);
  });

  it('serves the pages’ web fonts from the assets, cached a year, the bytes the Node app serves', async () => {
    for (const script of ['hant', 'hans'] as const) {
      const path = `/assets/page-${script}.woff2?v=${PAGE_FONT_VERSIONS[script]}`;
      const [res, expected] = await Promise.all([fetch(dev.origin + path), app.request(`http://localhost${path}`)]);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(await expected.arrayBuffer()))).toBe(true);
    }
  });

  it.each([
    '/',
    '/?lang=zh-Hans',
    '/q/trust-is-the-key-skill',
    '/cards/trust-is-the-key-skill.json?size=square',
    '/cards/trust-is-the-key-skill.png',
    '/cards/no-such-quote.png',
    '/api/options',
    '/healthz',
    '/_fonts/',
    '/_fonts/no-such-font.otf',
    '/sans-hant-400.otf',
  ])('answers %s from the Worker, as the Node app does', async (path) => {
    const [res, expected] = await Promise.all([fetch(dev.origin + path), app.request(`http://localhost${path}`)]);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(expected.status);
    expect(res.headers.get('content-type')).toBe(expected.headers.get('content-type'));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // A card of a known quote passes through the Worker's edge cache, which marks it.
    if (path.startsWith('/cards/trust-is-the-key-skill')) expect(res.headers.get('x-edge-cache')).toBe('MISS');
    if (!expected.headers.get('content-type')?.startsWith('image/')) expect(body.length).toBeGreaterThan(0);
  });
});
