import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { pngSize } from '../helpers.ts';
import { launchBrowser, loadedSize, spawnServer, watchProblems } from './harness.ts';

const ID = 'trust-is-the-key-skill';

/** A content-addressed card path of this quote (see cardUrl), optionally absolute. */
function address(stem: string, origin = ''): RegExp {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${escaped(origin)}/cards/${ID}/${escaped(stem)}\\.[0-9a-f]{12}\\.png$`);
}

let server: Awaited<ReturnType<typeof spawnServer>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([spawnServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ acceptDownloads: true });
});
afterEach(async () => {
  await context.close();
});

describe('the gallery in Chromium', () => {
  it('shows every quote with a thumbnail that loads, with no errors', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/`);
    const quotes = (await (await fetch(`${server.url}/api/quotes`)).json()).quotes;
    await expect(page.locator('ul.gallery > li').count()).resolves.toBe(quotes.length);
    // A small rendition from the srcset (400, 640 or 800 px wide), not the full card.
    await loadedSize(page, 'ul.gallery > li:first-child img');
    const chosen = (selector: string) => page.locator(selector).evaluate((img: HTMLImageElement) => img.currentSrc);
    const thumbnail = await chosen('ul.gallery > li:first-child img');
    expect(thumbnail).toMatch(/\/classic\.og\.zh-Hant\.light\.w(400|640|800)\.[0-9a-f]{12}\.png$/);
    const width = Number(/\.w(\d+)\./.exec(thumbnail)![1]);
    expect(pngSize(new Uint8Array(await (await fetch(thumbnail)).arrayBuffer()))).toEqual({
      width,
      height: Math.round((width * 630) / 1200),
    });
    // Lazy: a thumbnail far below the fold has not been fetched yet.
    const last = page.locator('ul.gallery > li:last-child img');
    expect(await last.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(false);
    await last.scrollIntoViewIfNeeded();
    await loadedSize(page, 'ul.gallery > li:last-child img');
    expect(await chosen('ul.gallery > li:last-child img')).toContain(`.w${width}.`);
    await page.locator('ul.gallery > li:first-child a').click();
    await page.waitForURL(`${server.url}/q/${quotes[0].id}`);
    expect(problems).toEqual([]);
  });

  it('fits a phone screen: nothing reaches past its edge', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    const widest = () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        element: Math.max(...Array.from(document.querySelectorAll('body *'), (element) => element.getBoundingClientRect().right)),
      }));
    const expectWithinPhone = async () => {
      const { page: pageWidth, element } = await widest();
      expect(pageWidth).toBe(360);
      expect(element).toBeLessThanOrEqual(360.5);
    };
    await page.goto(`${server.url}/`);
    await expectWithinPhone();
    const thumbWidth = await page.evaluate(() => document.querySelector('ul.gallery img')!.getBoundingClientRect().width);
    expect(thumbWidth).toBeGreaterThan(300);
    await page.goto(`${server.url}/q/${ID}`);
    await expectWithinPhone();
    await phone.close();
  });

  it('hides the no-script Show button once the script runs', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/q/${ID}`);
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('button[data-copy]')!.hidden);
    expect(await page.locator('form#picker button.apply').isVisible()).toBe(false);
    expect(await page.locator('button[data-copy=page-url]').isVisible()).toBe(true);
  });
});

describe('the share page in Chromium', () => {
  it('previews another template, size, script and theme live, with no errors', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/q/${ID}`);
    expect(await loadedSize(page, '#preview')).toEqual({ width: 1200, height: 630 });

    await page.selectOption('select[name=template]', 'minimal');
    await expect(page.locator('#preview').getAttribute('src')).resolves.toMatch(address('minimal.og.zh-Hant.light'));
    expect((await loadedSize(page, '#preview')).width).toBeGreaterThan(0);
    expect(page.url()).toBe(`${server.url}/q/${ID}?template=minimal`);
    await expect(page.locator('#page-url').inputValue()).resolves.toBe(`${server.url}/q/${ID}?template=minimal`);
    await expect(page.locator('#image-url').inputValue()).resolves.toMatch(address('minimal.og.zh-Hant.light', server.url));

    await page.selectOption('select[name=size]', 'story');
    expect(await loadedSize(page, '#preview')).toEqual({ width: 1080, height: 1920 });

    await page.selectOption('select[name=lang]', 'zh-Hans');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans-CN');
    await expect(page.locator('#quote-text').textContent()).resolves.toContain('赢得他人的信任');
    await page.selectOption('select[name=theme]', 'dark');
    // A story card above scale 1 would pass the pixel limit: the picker does not offer it.
    await expect(page.locator('select[name=scale] option[value="2"]').isDisabled()).resolves.toBe(true);
    await page.selectOption('select[name=size]', 'og');
    await page.selectOption('select[name=scale]', '2');
    expect(page.url()).toBe(`${server.url}/q/${ID}?template=minimal&lang=zh-Hans&theme=dark&scale=2`);
    // The preview stays at 1×; the download and the links carry the scale.
    await expect(page.locator('#preview').getAttribute('src')).resolves.toMatch(address('minimal.og.zh-Hans.dark'));
    await expect(page.locator('#download').getAttribute('href')).resolves.toMatch(address('minimal.og.zh-Hans.dark.x2'));
    expect(await loadedSize(page, '#preview')).toEqual({ width: 1200, height: 630 });
    // Choosing a size the scale is not allowed for falls back to scale 1.
    await page.selectOption('select[name=size]', 'square');
    await expect(page.locator('select[name=scale]').inputValue()).resolves.toBe('1');
    expect(page.url()).toBe(`${server.url}/q/${ID}?template=minimal&size=square&lang=zh-Hans&theme=dark`);
    expect(problems).toEqual([]);

    // Reloading the page keeps every choice: the URL is the state.
    await page.reload();
    await expect(page.locator('select[name=template]').inputValue()).resolves.toBe('minimal');
    await expect(page.locator('#quote-text').textContent()).resolves.toContain('赢得他人的信任');
    expect(problems).toEqual([]);
  });

  it('fits the preview frame to og, square and story cards, and names templates in full', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const [size, ratio] of [
      ['og', 1200 / 630],
      ['square', 1],
      ['story', 1080 / 1920],
    ] as const) {
      await page.goto(`${server.url}/q/${ID}?size=${size}`);
      await loadedSize(page, '#preview');
      const box = (await page.locator('#preview').boundingBox())!;
      // The frame is the card: no letterbox around it, and it fits the screen's height.
      expect(box.width / box.height).toBeCloseTo(ratio, 1);
      expect(box.height).toBeLessThanOrEqual(800 * 0.8 + 1);
    }
    // Template names fit their picker; the description sits below it and follows the choice.
    const labels = await page.locator('select[name=template] option').allTextContents();
    expect(labels.map((label) => label.trim())).toEqual(['classic', 'minimal', 'kai', 'vertical', 'ming']);
    await page.selectOption('select[name=template]', 'vertical');
    await expect(page.locator('#template-description').textContent()).resolves.toBe(
      '直排: columns right to left in kai, the attribution in its own column',
    );
  });

  it('downloads the PNG it shows', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/q/${ID}?scale=2`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe(`${ID}-2.png`);
    const bytes = new Uint8Array(await readFile((await download.path())!));
    expect(pngSize(bytes)).toEqual({ width: 2400, height: 1260 });
  });

  it('copies the page link and the image link', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/q/${ID}?theme=dark`);
    await page.locator('button[data-copy=page-url]').click();
    await expect(page.locator('#status')).toBeDefined();
    await page.waitForFunction(() => document.getElementById('status')!.textContent === 'Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/q/${ID}?theme=dark`);
    await page.locator('button[data-copy=image-url]').click();
    const imageUrl = await page.locator('#image-url').inputValue();
    expect(imageUrl).toMatch(address('classic.og.zh-Hant.dark', server.url));
    await page.waitForFunction((expected) => navigator.clipboard.readText().then((text) => text === expected), imageUrl);
    expect(problems).toEqual([]);
  });
});

describe('the share page of a quote some cards cannot hold, in Chromium', () => {
  // 208 characters: too long for a square card in every template but vertical.
  const long = {
    id: 'long-quote',
    text: '這是一段非常非常長的引文，'.repeat(16),
    lang: 'zh-Hant',
    speaker: { name: '某人' },
    source: { title: '某處' },
  };
  let longServer: Awaited<ReturnType<typeof spawnServer>>;
  beforeAll(async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'quotes-')), 'long.json');
    await writeFile(file, JSON.stringify([long]));
    longServer = await spawnServer({ QUOTES_FILE: file });
  });
  afterAll(async () => {
    await longServer?.stop();
  });

  it('offers only the sizes whose card fits the chosen template and script', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${longServer.url}/q/long-quote?template=vertical&size=square`);
    expect(await loadedSize(page, '#preview')).toEqual({ width: 1080, height: 1080 });
    await expect(page.locator('select[name=size] option[value=square]').isDisabled()).resolves.toBe(false);
    // In the classic template the square card cannot hold it: the picker moves to the first size that fits.
    await page.selectOption('select[name=template]', 'classic');
    await expect(page.locator('select[name=size] option[value=square]').isDisabled()).resolves.toBe(true);
    await expect(page.locator('select[name=size]').inputValue()).resolves.toBe('og');
    expect(await loadedSize(page, '#preview')).toEqual({ width: 1200, height: 630 });
    expect(page.url()).toBe(`${longServer.url}/q/long-quote`);
    expect(problems).toEqual([]);
  });
});
