/**
 * Copies the subset fonts of FONT_FILES and their licences from fonts/ into
 * `assets/_fonts/`, the folder the Worker loads them from as Workers Static
 * Assets (wrangler.toml's `[assets]`), and removes any other file there. The
 * copies are committed, so `wrangler dev` and the Worker tests run on a fresh
 * clone; git stores each copy once, as it is the same blob as its original.
 * `npm run fonts` runs this after building the subsets; a test fails when the
 * copies and fonts/ differ.
 */
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { FONT_FILES } from '../src/cards/fonts.ts';
import { FONT_ASSET_PREFIX } from '../src/worker/font-assets.ts';

const root = new URL('../', import.meta.url);

/** The folder wrangler.toml's `[assets] directory` names. */
export const ASSETS_DIRECTORY = new URL('assets/', root);

/** Every file the font asset folder must hold: the subsets and their OFL licence texts. */
export async function fontAssetFiles(): Promise<string[]> {
  const licences = (await readdir(new URL('fonts/', root))).filter((file) => /^OFL-.*\.txt$/.test(file));
  return [...FONT_FILES.map((font) => font.file), ...licences].sort();
}

/** `assets/_fonts/`: where the copies go. */
export const FONT_ASSETS = new URL(`.${FONT_ASSET_PREFIX}`, ASSETS_DIRECTORY);

if (import.meta.url === `file://${process.argv[1]}`) {
  await rm(FONT_ASSETS, { recursive: true, force: true });
  await mkdir(FONT_ASSETS, { recursive: true });
  for (const file of await fontAssetFiles()) {
    await copyFile(new URL(`fonts/${file}`, root), new URL(file, FONT_ASSETS));
    console.log(`assets${FONT_ASSET_PREFIX}${file}`);
  }
}
