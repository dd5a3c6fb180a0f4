import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import opentype from 'opentype.js';
import { decompress } from 'wawoff2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_FONT_VERSIONS } from '../src/http/page-font-versions.ts';
import { pageFontCharacters } from '../src/http/page-fonts.ts';
import { fingerprint } from '../src/http/assets.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { PAGE_FONT_FILES, readPageFonts } from '../src/node/page-fonts.ts';
import { spawnServer } from '../scripts/spawn-server.ts';
import { app } from './helpers.ts';

const quotes = readQuotesFile();

/** A WOFF2 font decoded (wawoff2, Google's decoder) and parsed. */
async function parseWoff2(bytes: Uint8Array): Promise<opentype.Font> {
  expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('wOF2');
  const sfnt = await decompress(bytes);
  return opentype.parse(sfnt.buffer.slice(sfnt.byteOffset, sfnt.byteOffset + sfnt.byteLength) as ArrayBuffer);
}

/** The characters of `text` neither font has. */
function missing(text: string, fonts: opentype.Font[]): string {
  return [...text].filter((char) => fonts.every((font) => font.charToGlyphIndex(char) === 0)).join('');
}

describe('the committed page fonts', () => {
  it('are the files their fingerprints (src/http/page-font-versions.ts) name: run `npm run fonts` after editing quotes.json', () => {
    const fonts = readPageFonts();
    expect({ hant: fingerprint(fonts.hant), hans: fingerprint(fonts.hans) }).toEqual(PAGE_FONT_VERSIONS);
  });

  it('cover every character pages show of the bundled quotes, in each glyph form', async () => {
    const fonts = readPageFonts();
    const hant = await parseWoff2(fonts.hant);
    const hans = await parseWoff2(fonts.hans);
    // Hong Kong forms Noto Sans CJK's Traditional font lacks (説, 閲) come from the Simplified one, as pages list it next.
    expect(missing(pageFontCharacters(quotes, 'hant'), [hant, hans])).toBe('');
    expect(missing(pageFontCharacters(quotes, 'hans'), [hans])).toBe('');
    // The page's own words, whatever the quotes.
    expect(missing('繁體中文（台灣）（香港）「」：，', [hant])).toBe('');
    expect(missing('简体中文「」：，', [hans])).toBe('');
    // A subset: far smaller than the fonts they come from.
    expect(fonts.hant.length + fonts.hans.length).toBeLessThan(400 * 1024);
  });

  it('are served as WOFF2 with a year of caching, linked from the style sheet with font-display: swap', async () => {
    const $ = (await import('cheerio')).load(await (await app.request('/')).text());
    const css = await (await app.request($('link[rel=stylesheet]').attr('href')!)).text();
    for (const [script, family] of [
      ['hant', 'quote-cards Hant'],
      ['hans', 'quote-cards Hans'],
    ] as const) {
      const url = `/assets/page-${script}.woff2?v=${PAGE_FONT_VERSIONS[script]}`;
      expect(css).toContain(`@font-face { font-family: "${family}"; src: url("${url}") format("woff2"); font-display: swap; }`);
      const res = await app.request(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('font/woff2');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(await readFile(PAGE_FONT_FILES[script])));
    }
    // After the usual CJK system fonts (a reader with one downloads nothing), before the generic family.
    expect(css).toMatch(/:lang\(zh-Hant-TW\) \{ font-family: "PingFang TC", [^;]*"quote-cards Hant", "quote-cards Hans", sans-serif; \}/);
    expect(css).toMatch(/:lang\(zh-Hans-CN\) \{ font-family: "PingFang SC", [^;]*"quote-cards Hans", sans-serif; \}/);
    expect((await app.request('/')).headers.get('content-security-policy')).toContain("font-src 'self'");
  });
});

describe('page fonts for a quotes file of its own', () => {
  let folder: string;
  let server: Awaited<ReturnType<typeof spawnServer>>;
  // Characters no bundled quote has: the server must subset them at start-up.
  const TEXT = '鑫淼焱垚，犇羴驫。';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'quote-cards-page-fonts-'));
    const file = join(folder, 'quotes.json');
    await writeFile(
      file,
      JSON.stringify([{ id: 'rare', text: TEXT, lang: 'zh-Hant', speaker: { name: '某人' }, source: { title: '某書' } }]),
    );
    server = await spawnServer({ QUOTES_FILE: file });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('are built at start-up to cover that file’s text, and linked instead of the committed ones', async () => {
    const page = await (await fetch(`${server.url}/q/rare`)).text();
    const cssPath = /<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!;
    const css = await (await fetch(server.url + cssPath)).text();
    const hantUrl = /url\("(\/assets\/page-hant\.woff2\?v=[0-9a-f]{8})"\)/.exec(css)![1]!;
    expect(hantUrl).not.toContain(PAGE_FONT_VERSIONS.hant);
    const hant = await parseWoff2(new Uint8Array(await (await fetch(server.url + hantUrl)).arrayBuffer()));
    expect(missing(TEXT + '某人某書', [hant])).toBe('');
    // Built for this file alone: a bundled quote's characters are not carried along.
    expect(hant.charToGlyphIndex('贏')).toBe(0);
  });
});
