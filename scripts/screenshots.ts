/**
 * Writes docs/gallery.png, docs/share.png and docs/share-phone.png: the
 * gallery and a share page as headless Chromium shows them. Page text is
 * set in the system's CJK font (Debian: `apt-get install fonts-noto-cjk`).
 */
import { mkdir } from 'node:fs/promises';
import { launchBrowser, loadedSize, spawnServer } from '../tests/browser/harness.ts';

const docs = new URL('../docs/', import.meta.url);
const SHARE = '/q/trust-is-the-key-skill?template=minimal&theme=dark';

// A public base URL, so the links shown read as they would when deployed.
const server = await spawnServer({ PUBLIC_BASE_URL: 'https://cards.example.com' });
const browser = await launchBrowser();
try {
  await mkdir(docs, { recursive: true });
  const shots = [
    { file: 'gallery.png', path: '/', viewport: { width: 1280, height: 860 }, wait: 'ul.gallery > li:nth-child(6) img' },
    { file: 'share.png', path: SHARE, viewport: { width: 1280, height: 860 }, wait: '#preview' },
    { file: 'share-phone.png', path: SHARE, viewport: { width: 390, height: 844 }, wait: '#preview' },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: shot.viewport, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(server.url + shot.path);
    await loadedSize(page, shot.wait);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: new URL(shot.file, docs).pathname });
    console.log(`docs/${shot.file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
