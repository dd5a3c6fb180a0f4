import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { FULL_FONTS } from '../cards/fonts.ts';
import type { Quote } from '../cards/quotes.ts';
import { pageFontCharacters, type PageFonts, type PageScript } from '../http/page-fonts.ts';
import { fingerprint, type PageFontAssets } from '../http/assets.ts';
import { findPackageFile } from './package-file.ts';

/**
 * The committed page fonts, for the bundled quotes (`npm run fonts` writes
 * them): in assets/assets/, which the Worker serves as static assets.
 */
export const PAGE_FONT_FILES: Record<PageScript, URL> = {
  hant: new URL('../../assets/assets/page-hant.woff2', import.meta.url),
  hans: new URL('../../assets/assets/page-hans.woff2', import.meta.url),
};

/** The committed page fonts, read from assets/assets/. */
export function readPageFonts(): PageFonts {
  return { hant: readFileSync(PAGE_FONT_FILES.hant), hans: readFileSync(PAGE_FONT_FILES.hans) };
}

/** Page fonts as the app serves them: the bytes and their fingerprints. */
export function pageFontAssets(fonts: PageFonts): PageFontAssets {
  return { versions: { hant: fingerprint(fonts.hant), hans: fingerprint(fonts.hans) }, files: fonts };
}

/**
 * Page fonts for `quotes` (see pageFontCharacters): Noto Sans CJK, the first
 * sans full font of each script in FULL_FONTS (SIL OFL 1.1), subset with
 * harfbuzz (subset-font) to WOFF2. Takes about a second per script. Throws
 * when the font packages are not installed (a production-only install).
 */
export async function buildPageFonts(quotes: readonly Quote[]): Promise<PageFonts> {
  const build = async (script: PageScript) => {
    const source = FULL_FONTS.find((font) => font.face === 'sans' && font.script === script)!.source;
    const path = findPackageFile(source);
    if (!path) throw new Error(`${source} is not installed (the font packages are devDependencies)`);
    const { default: subsetFont } = await import('subset-font');
    return new Uint8Array(await subsetFont(await readFile(path), pageFontCharacters(quotes, script), { targetFormat: 'woff2' }));
  };
  const [hant, hans] = await Promise.all([build('hant'), build('hans')]);
  return { hant, hans };
}
