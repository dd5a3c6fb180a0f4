import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, spawnServer, watchProblems } from './harness.ts';

const ID = 'trust-is-the-key-skill';

let server: Awaited<ReturnType<typeof spawnServer>>;
let browser: Browser;
let fontconfig: string;

/** A Latin-only font folder (Chromium will not start with no font at all); DejaVu and Liberation have no CJK. */
const LATIN_FONTS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation'].find((dir) => existsSync(dir));

// Chromium with a fontconfig of its own that lists only a Latin font folder:
// no CJK system font exists for it, so any Chinese it draws comes from the page.
beforeAll(async () => {
  if (!LATIN_FONTS) throw new Error('Needs fonts-dejavu-core or fonts-liberation (installed with Debian’s chromium).');
  fontconfig = await mkdtemp(join(tmpdir(), 'quote-cards-fontconfig-'));
  const config = join(fontconfig, 'fonts.conf');
  await writeFile(
    config,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n` +
      `<fontconfig><dir>${LATIN_FONTS}</dir><cachedir>${join(fontconfig, 'cache')}</cachedir></fontconfig>\n`,
  );
  [server, browser] = await Promise.all([spawnServer(), launchBrowser({ FONTCONFIG_FILE: config })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(fontconfig, { recursive: true, force: true });
});

/** The page's font faces as the browser sees them: family and load status. */
function faces(page: Page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].map((face) => ({ family: face.family.replace(/"/g, ''), status: face.status }));
  });
}

/**
 * Whether the quote's font (its computed family list) draws two different
 * characters of the quote as different pixels. Without a font that has them,
 * both are the same missing-glyph box (or nothing), pixel for pixel.
 */
function drawsDistinctGlyphs(page: Page, first: string, second: string): Promise<boolean> {
  return page.evaluate(
    async ([a, b]) => {
      await document.fonts.ready;
      const family = getComputedStyle(document.getElementById('quote-text')!).fontFamily;
      const draw = (char: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        const context = canvas.getContext('2d')!;
        context.font = `48px ${family}`;
        context.fillText(char, 8, 52);
        return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
      };
      const pixels = draw(a!);
      if (!/[^0,]/.test(pixels)) return false;
      return pixels !== draw(b!);
    },
    [first, second],
  );
}

describe('the pages’ own web font, with no system font at all', () => {
  it('draws the share page’s Chinese text with the Traditional subset, loaded as WOFF2', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const fonts: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('.woff2')) fonts.push(`${response.status()} ${response.headers()['content-type']}`);
    });
    await page.goto(`${server.url}/q/${ID}`);
    expect(await faces(page)).toContainEqual({ family: 'quote-cards Hant', status: 'loaded' });
    expect(fonts).toContain('200 font/woff2');
    const text = (await page.locator('#quote-text').textContent())!;
    // Every character of the quote is in the loaded face.
    expect(await page.evaluate((t) => document.fonts.check('20px "quote-cards Hant"', t), text)).toBe(true);
    expect(await drawsDistinctGlyphs(page, '信', '任')).toBe(true);
    expect(problems).toEqual([]);

    // The same page with the font blocked (a fresh context, nothing cached) has no glyph for them: both draw as the same box.
    const bare = await browser.newContext();
    const blocked = await bare.newPage();
    await blocked.route(
      (url) => url.pathname.endsWith('.woff2'),
      (route) => route.abort(),
    );
    await blocked.goto(`${server.url}/q/${ID}`);
    expect(await drawsDistinctGlyphs(blocked, '信', '任')).toBe(false);
    await bare.close();
    await context.close();
  });

  it('switches to the Simplified subset, and the document title to the chosen script, with the picker', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/q/${ID}`);
    expect(await page.title()).toBe('李開復：「在過去的 20 年裡，我一直告訴年輕人，最重要的技能是贏得他人…」 · quote-cards');
    await page.selectOption('select[name=lang]', 'zh-Hans');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans-CN');
    await page.waitForFunction(() => document.title.startsWith('李开复'));
    expect(await page.title()).toBe('李开复：「在过去的 20 年里，我一直告诉年轻人，最重要的技能是赢得他人…」 · quote-cards');
    expect(await faces(page)).toContainEqual({ family: 'quote-cards Hans', status: 'loaded' });
    const text = (await page.locator('#quote-text').textContent())!;
    expect(await page.evaluate((t) => document.fonts.check('20px "quote-cards Hans"', t), text)).toBe(true);
    expect(await drawsDistinctGlyphs(page, '赢', '轻')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws the gallery’s script names in the page fonts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const names = await page.locator('nav.langs').textContent();
    expect(names).toContain('简体中文');
    // font-display: swap draws first and loads after: wait for the faces the names need.
    expect(await faces(page)).toEqual(
      expect.arrayContaining([
        { family: 'quote-cards Hant', status: 'loaded' },
        { family: 'quote-cards Hans', status: 'loaded' },
      ]),
    );
    expect(await page.evaluate(() => document.fonts.check('20px "quote-cards Hans"', '简体中文'))).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('20px "quote-cards Hant"', '繁體中文（台灣）（香港）'))).toBe(true);
    await context.close();
  });
});
