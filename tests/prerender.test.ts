import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundledQuotes from '../quotes.json';
import { validateQuotes } from '../src/cards/quotes.ts';
import { MAX_ASSET_FILES, prerenderCards } from '../src/export/prerender.ts';
import { ExportUsageError } from '../src/export/errors.ts';
import { createNodeApp } from '../src/node/app.ts';
import { cardUrl } from '../src/http/urls.ts';
import { startWranglerDev, type WranglerDev } from '../scripts/wrangler-dev.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const quotes = validateQuotes(bundledQuotes, 'quotes.json');
// Two bundled quotes: the Worker serves the bundled file, so its cards are the Node app's too.
const FIXTURE = quotes.slice(0, 2);
const IDS = FIXTURE.map((quote) => quote.id);

/** The cards the build must write for one quote, spelled out (README: 3 scripts × 5 templates × 3 sizes × 2 themes × png, json + 3 scripts × 3 sizes × 3 widths of thumbnails). */
async function expectedFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const quote of FIXTURE) {
    for (const lang of ['zh-Hant', 'zh-HK', 'zh-Hans'] as const)
      for (const template of ['classic', 'minimal', 'kai', 'vertical', 'ming'] as const)
        for (const size of ['og', 'square', 'story'] as const)
          for (const theme of ['light', 'dark'] as const)
            for (const format of ['png', 'json'] as const) files.push(await cardUrl(quote, { template, size, lang, theme }, format));
    for (const lang of ['zh-Hant', 'zh-HK', 'zh-Hans'] as const)
      for (const size of ['og', 'square', 'story'] as const)
        for (const width of [400, 640, 800]) files.push(await cardUrl(quote, { lang, size, width }));
  }
  return files.map((url) => url.slice('/cards/'.length)).sort();
}

async function cardFiles(assets: string): Promise<string[]> {
  const entries = await readdir(join(assets, 'cards'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(assets, 'cards').length + 1))
    .sort();
}

/** A copy of the committed assets folder (fonts, _headers, .assetsignore) without any prerendered card. */
async function freshAssets(): Promise<string> {
  const assets = await mkdtemp(join(tmpdir(), 'quote-cards-assets-'));
  for (const name of ['_fonts', 'assets', '_headers', '.assetsignore'])
    await cp(join(ROOT, 'assets', name), join(assets, name), { recursive: true });
  return assets;
}

/** wrangler.toml with its paths made absolute and the assets directory replaced, written to a temporary folder. */
async function wranglerConfig(assets: string): Promise<string> {
  const toml = (await readFile(join(ROOT, 'wrangler.toml'), 'utf8'))
    .replace(/^main = "(.+)"$/m, (_, path: string) => `main = ${JSON.stringify(join(ROOT, path))}`)
    .replace(/^directory = "assets"$/m, `directory = ${JSON.stringify(assets)}`)
    .replaceAll('"./src/', `"${join(ROOT, 'src')}/`);
  const folder = await mkdtemp(join(tmpdir(), 'quote-cards-config-'));
  const config = join(folder, 'wrangler.toml');
  await writeFile(config, toml);
  return config;
}

describe('prerendering the cards into the static assets', () => {
  let assets: string;
  beforeAll(async () => {
    assets = await freshAssets();
  });
  afterAll(() => rm(assets, { recursive: true, force: true }));

  it('writes exactly every card of the fixture at its content-addressed path, and the manifests', async () => {
    const result = await prerenderCards({ assets, subset: 'all', ids: IDS });
    const expected = await expectedFiles();
    expect(expected).toHaveLength(2 * 207);
    expect(result).toMatchObject({ cards: 2 * 207, rendered: 2 * 207, skipped: 0, pruned: 0, failures: [] });
    expect(await cardFiles(assets)).toEqual([...expected, 'manifest.csv', 'manifest.json'].sort());
    // Fonts and their licences (18), page fonts (2) and the cards: _headers and .assetsignore are not uploaded.
    expect(result.assetFiles).toBe(18 + 2 + 2 * 207);
  }, 300_000);

  it('renders nothing again when nothing changed, and prunes cards of an older render version or a quote no longer served', async () => {
    const old = join(assets, 'cards', IDS[0]!, 'classic.og.zh-Hant.light.000000000000.png');
    await writeFile(old, 'an older render');
    await mkdir(join(assets, 'cards', 'a-removed-quote'));
    await writeFile(join(assets, 'cards', 'a-removed-quote', 'classic.og.zh-Hant.light.0123456789ab.png'), 'gone');
    const result = await prerenderCards({ assets, subset: 'all', ids: IDS });
    expect(result).toMatchObject({ rendered: 0, skipped: 2 * 207, pruned: 2 });
    expect(await cardFiles(assets)).toEqual([...(await expectedFiles()), 'manifest.csv', 'manifest.json'].sort());
    expect(await readdir(join(assets, 'cards'))).not.toContain('a-removed-quote');
  }, 120_000);

  it('refuses, before rendering, a quotes file whose cards would exceed the static assets’ file limit, naming the arithmetic and the subset to use', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'quote-cards-many-'));
    const many = Array.from({ length: 97 }, (_, i) => ({ ...bundledQuotes[0], id: `quote-${i}` }));
    const quotesFile = join(folder, 'quotes.json');
    await writeFile(quotesFile, JSON.stringify(many));
    const small = await freshAssets();
    try {
      const error = await prerenderCards({ assets: small, subset: 'all', quotesFile }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExportUsageError);
      expect((error as Error).message).toContain(
        `207 cards per quote × 97 quotes = 20079 files, plus 20 other assets: 20099 files, more than Workers Static Assets' ${MAX_ASSET_FILES}`,
      );
      expect((error as Error).message).toContain('PRERENDER_CARDS=og (57 per quote)');
      expect(await readdir(join(small, 'cards'))).toEqual([]);
      // The og subset fits: 57 × 97 + 13 files.
      const og = await prerenderCards({ assets: small, subset: 'og', quotesFile, ids: ['quote-0'] });
      expect(og).toMatchObject({ cards: 57, rendered: 57 });
    } finally {
      await rm(folder, { recursive: true, force: true });
      await rm(small, { recursive: true, force: true });
    }
  }, 120_000);
  it('leaves to the Worker the cards that cannot hold their quote (422), and writes the rest', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'quote-cards-long-'));
    // 494 characters: of the classic cards only story holds it; of the og cards only vertical's.
    const wide = { ...FIXTURE[0]!, id: 'fits-story-only', text: '這是一段非常非常長的引文，'.repeat(38) };
    const quotesFile = join(folder, 'quotes.json');
    await writeFile(quotesFile, JSON.stringify([wide]));
    const small = await freshAssets();
    try {
      const result = await prerenderCards({ assets: small, subset: 'og', quotesFile });
      const written = await cardFiles(small);
      const classicOg = (await cardUrl(wide, {})).slice('/cards/'.length);
      expect(result.failures.map((failure) => failure.file)).toContain(classicOg);
      expect(result.failures.every((failure) => failure.status === 422 && failure.reason.includes('does not fit'))).toBe(true);
      expect(written).not.toContain(classicOg);
      expect(written).toContain((await cardUrl(wide, { size: 'story', width: 400 })).slice('/cards/'.length));
      expect(written).toContain((await cardUrl(wide, { template: 'vertical' })).slice('/cards/'.length));
      expect(written).toHaveLength(57 - result.failures.length + 2);
    } finally {
      await rm(folder, { recursive: true, force: true });
      await rm(small, { recursive: true, force: true });
    }
  }, 120_000);
});

// The real routing layer: wrangler dev answers a path from the assets when a
// file matches it, without running the Worker, and runs the Worker otherwise.
describe('prerendered cards under wrangler dev', () => {
  let assets: string;
  let config: string;
  let dev: WranglerDev;
  const { app } = createNodeApp();
  beforeAll(async () => {
    assets = await freshAssets();
    await prerenderCards({ assets, subset: 'all', ids: IDS });
    config = await wranglerConfig(assets);
    dev = await startWranglerDev(config);
  }, 300_000);
  afterAll(async () => {
    await dev?.stop();
    await rm(assets, { recursive: true, force: true });
  });

  it.each([
    ['the og card', { lang: 'zh-Hant' }, 'png', 'image/png'],
    ['a story card in Simplified, dark', { template: 'vertical', size: 'story', lang: 'zh-Hans', theme: 'dark' }, 'png', 'image/png'],
    ['a gallery thumbnail', { lang: 'zh-HK', width: 640 }, 'png', 'image/png'],
    ['a layout report', { template: 'kai', size: 'square' }, 'json', 'application/json'],
  ] as const)(
    'serves %s from the assets, byte for byte the Node app’s, with the headers of a rendered card',
    async (_, options, format, type) => {
      const path = await cardUrl(FIXTURE[1]!, options, format);
      const [res, expected] = await Promise.all([fetch(dev.origin + path), app.request(`http://localhost${path}`)]);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(await expected.arrayBuffer()))).toBe(true);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe(expected.headers.get('cache-control'));
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      // Not the Worker: its edge cache marks every card it answers, and its ETag is the card hash.
      expect(res.headers.get('x-edge-cache')).toBeNull();
      expect(res.headers.get('etag')).not.toBe(expected.headers.get('etag'));
      expect(await cardFiles(assets)).toContain(path.slice('/cards/'.length));
    },
  );

  it.each([
    ['a scale the build leaves out', { scale: 2 }, 'png'],
    ['a width the gallery does not use', { size: 'square', width: 1080 }, 'png'],
    ['an SVG', { template: 'minimal' }, 'svg'],
  ] as const)(
    'renders %s in the Worker: the Node app’s card (the same pixels; the PNG encoders differ)',
    async (_, options, format) => {
      const path = await cardUrl(FIXTURE[0]!, options, format);
      const [res, expected] = await Promise.all([fetch(dev.origin + path), app.request(`http://localhost${path}`)]);
      const [body, expectedBody] = [Buffer.from(await res.arrayBuffer()), Buffer.from(await expected.arrayBuffer())];
      expect(res.status, body.toString().slice(0, 300)).toBe(200);
      expect(res.headers.get('x-edge-cache')).toBe('MISS');
      expect(res.headers.get('etag')).toBe(expected.headers.get('etag'));
      if (format === 'svg') expect(body.toString()).toBe(expectedBody.toString());
      else {
        const [got, want] = [PNG.sync.read(body), PNG.sync.read(expectedBody)];
        expect([got.width, got.height]).toEqual([want.width, want.height]);
        expect(got.data.equals(want.data)).toBe(true);
      }
    },
    60_000,
  );

  it('redirects a stale hash of a prerendered card from the Worker to the current path', async () => {
    const current = await cardUrl(FIXTURE[0]!, {});
    const stale = current.replace(/\.[0-9a-f]{12}\.png$/, '.000000000000.png');
    const res = await fetch(dev.origin + stale, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(current);
  });

  it('does not publish the export’s manifests', async () => {
    for (const name of ['manifest.json', 'manifest.csv']) {
      const res = await fetch(`${dev.origin}/cards/${name}`);
      await res.arrayBuffer();
      expect(res.headers.get('content-type')).not.toMatch(/^text\/csv/);
      expect(res.status).toBe(404);
    }
  });
});
