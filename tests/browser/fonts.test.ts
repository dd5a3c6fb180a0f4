import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, spawnServer, watchProblems } from './harness.ts';

const ID = 'trust-is-the-key-skill';

let server: Awaited<ReturnType<typeof spawnServer>>;
let browser: Browser;
let fontconfig: string;

// Chromium with a fontconfig that lists no font directory: no system font,
// CJK or other, exists for it, so any Chinese it draws comes from the page.
beforeAll(async () => {
  fontconfig = await mkdtemp(join(tmpdir(), 'quote-cards-fontconfig-'));
  const config = join(fontconfig, 'fonts.conf');
  await writeFile(
    config,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${join(fontconfig, 'cache')}</cachedir></fontconfig>\n`,
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

/** How many pixels of the quote's text are darker than the page behind it. */
async function inkOf(page: Page): Promise<number> {
  const png = PNG.sync.read(await page.locator('#quote-text').screenshot());
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 128) ink++;
  return ink;
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
    const withFont = await inkOf(page);

    // The same page with the font blocked draws the text without it: far less ink (empty boxes or nothing).
    const blocked = await context.newPage();
    await blocked.route('**/*.woff2', (route) => route.abort());
    await blocked.goto(`${server.url}/q/${ID}`);
    await blocked.evaluate(() => document.fonts.ready);
    const withoutFont = await inkOf(blocked);
    expect(withFont).toBeGreaterThan(1000);
    expect(withoutFont).toBeLessThan(withFont / 2);
    expect(problems).toEqual([]);
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
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws the gallery’s script names in the page fonts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const names = await page.locator('nav.langs').textContent();
    expect(names).toContain('简体中文');
    expect(await page.evaluate(() => document.fonts.check('20px "quote-cards Hans"', '简体中文'))).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('20px "quote-cards Hant"', '繁體中文（台灣）（香港）'))).toBe(true);
    await context.close();
  });
});
