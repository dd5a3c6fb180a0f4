import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import bundledQuotes from '../../quotes.json';
import { FONT_FILES } from '../../src/cards/fonts.ts';
import { validateQuotes } from '../../src/cards/quotes.ts';
import { createRenderer } from '../../src/cards/render.ts';
import { createApp } from '../../src/http/app.ts';
import { FONT_ASSET_PREFIX, assetFontReader, type AssetsBinding } from '../../src/worker/font-assets.ts';
import { workerPlatform } from '../../src/worker/platform.ts';
import { pngSize } from './helpers.ts';
import { sha256 } from './parity-requests.ts';

// SHA-256 of each file in fonts/, read in Node by tests/worker/node-reference.ts.
const fontFileHashes = inject('fontFileHashes');

/** The real assets binding, counting the paths it is asked for. */
function countingAssets(): AssetsBinding & { paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    fetch(request) {
      paths.push(new URL(request.url).pathname);
      return env.ASSETS.fetch(request);
    },
  };
}

describe('fonts from the static assets', () => {
  it.each(FONT_FILES.map((font) => font.file))('serves %s under /_fonts/, byte for byte the file in fonts/', async (file) => {
    const data = await assetFontReader(env.ASSETS)(file);
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect(await sha256(data)).toBe(fontFileHashes[file]);
  });

  it('fetches each font once per reader, however often and however concurrently it is asked for', async () => {
    const assets = countingAssets();
    const read = assetFontReader(assets);
    const [first, second] = await Promise.all([read('sans-hant-400.otf'), read('sans-hant-400.otf')]);
    const third = await read('sans-hant-400.otf');
    await read('kai-hant-400.ttf');
    expect(first).toBe(second);
    expect(third).toBe(first);
    expect(assets.paths).toEqual([`${FONT_ASSET_PREFIX}sans-hant-400.otf`, `${FONT_ASSET_PREFIX}kai-hant-400.ttf`]);
  });

  it('rejects a font that is not among the assets, naming the file, its path and the status', async () => {
    await expect(assetFontReader(env.ASSETS)('not-there-400.ttf')).rejects.toThrow(
      'Font "not-there-400.ttf" could not be loaded from the static assets (/_fonts/not-there-400.ttf): HTTP 404.',
    );
  });

  it('fails a load that gets no answer once its time is up, instead of hanging', async () => {
    const silent: AssetsBinding = { fetch: () => new Promise<Response>(() => {}) };
    await expect(assetFontReader(silent, { timeoutMs: 50 })('sans-hant-400.otf')).rejects.toThrow(
      'Font "sans-hant-400.otf" could not be loaded from the static assets (/_fonts/sans-hant-400.otf): no answer within 50 ms.',
    );
  });

  it('tries a failed load again on the next request instead of keeping the failure', async () => {
    let calls = 0;
    const flaky: AssetsBinding = {
      fetch: async (request) => (++calls === 1 ? new Response('busy', { status: 503 }) : env.ASSETS.fetch(request)),
    };
    const read = assetFontReader(flaky);
    await expect(read('sans-hans-400.otf')).rejects.toThrow('HTTP 503');
    expect(await sha256(await read('sans-hans-400.otf'))).toBe(fontFileHashes['sans-hans-400.otf']);
    expect(calls).toBe(2);
  });

  it('answers a card whose fonts cannot be loaded with a 500 error, not a hang, and renders it once they can', async () => {
    let available = false;
    const assets: AssetsBinding = {
      fetch: async (request) => (available ? env.ASSETS.fetch(request) : new Response('Not Found', { status: 404 })),
    };
    const quotes = validateQuotes(bundledQuotes, 'quotes.json');
    const app = createApp({ quotes, renderer: createRenderer(workerPlatform(assetFontReader(assets))) });
    const url = 'http://localhost/cards/trust-is-the-key-skill.png';
    const failed = await app.request(url);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });

    available = true;
    const rendered = await app.request(url);
    expect(rendered.status).toBe(200);
    expect(pngSize(new Uint8Array(await rendered.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });

  it('has no full-font fallback: the full fonts are far larger than the subsets', () => {
    expect(workerPlatform(assetFontReader(env.ASSETS)).readFallbackFont).toBeUndefined();
  });
});
