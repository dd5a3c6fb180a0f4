import { chromium, type Browser, type Page } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';

export { CHROMIUM_PATH };

/** A server in a child process on 127.0.0.1 and a free port (see scripts/spawn-server.ts). */
export { spawnServer } from '../../scripts/spawn-server.ts';

/** Headless Chromium with the flags this environment needs, and extra environment (such as FONTCONFIG_FILE). */
export function launchBrowser(env: Record<string, string> = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    env: { ...(process.env as Record<string, string>), ...env },
    args: CHROMIUM_ARGS,
  });
}

/** Everything a page reports as wrong: console errors, uncaught exceptions, failed requests, HTTP errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // ERR_ABORTED: the page itself cancelled it (navigated away, or changed an image's src).
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Waits until an <img> has loaded and returns its natural size. */
export async function loadedSize(page: Page, selector: string): Promise<{ width: number; height: number }> {
  const image = page.locator(selector);
  await image.evaluate((img: HTMLImageElement) =>
    img.complete && img.naturalWidth > 0
      ? undefined
      : new Promise((resolve, reject) => {
          img.addEventListener('load', resolve, { once: true });
          img.addEventListener('error', () => reject(new Error(`image failed: ${img.src}`)), { once: true });
        }),
  );
  return image.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
}
