/**
 * Builds fonts/: one subset per font in FONT_FILES, holding every character
 * of every bundled quote and attribution in every script that font serves,
 * plus BASE_CHARACTERS. Run with `npm run fonts` after editing quotes.json.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import subsetFont from 'subset-font';
import { convertText } from '../src/convert.ts';
import { BASE_CHARACTERS, FONT_FILES } from '../src/fonts.ts';
import { LANGS, scriptOf, type Script } from '../src/options.ts';
import { findPackageFile } from '../src/platform/package-file.ts';
import { parseQuotes } from '../src/quotes.ts';

const root = new URL('../', import.meta.url);
const quotes = parseQuotes(await readFile(new URL('quotes.json', root), 'utf8'));

const characters: Record<Script, Set<string>> = { hant: new Set(BASE_CHARACTERS), hans: new Set(BASE_CHARACTERS) };
for (const quote of quotes) {
  const texts = [quote.text, quote.speaker.name, quote.speaker.nameEn ?? '', quote.source.title, quote.source.titleEn ?? ''];
  for (const lang of LANGS) {
    for (const text of texts) for (const char of convertText(text, quote.lang, lang)) characters[scriptOf(lang)].add(char);
  }
}

for (const font of FONT_FILES) {
  const source = await readFile(packageFile(font.source));
  const text = [...characters[font.script]].sort().join('');
  const subset = await subsetFont(source, text, { targetFormat: 'sfnt' });
  await writeFile(new URL(`fonts/${font.file}`, root), subset);
  console.log(`fonts/${font.file}: ${characters[font.script].size} characters, ${(subset.length / 1024).toFixed(0)} KiB`);
}
await copyFile(packageFile('@embedpdf/fonts-tc/LICENSE'), new URL('fonts/OFL-NotoSansCJK.txt', root));
await copyFile(packageFile('@fontsource/lxgw-wenkai/LICENSE'), new URL('fonts/OFL-LXGWWenKai.txt', root));

function packageFile(path: string): string {
  const file = findPackageFile(path);
  if (!file) throw new Error(`${path} is missing: run npm ci (the font packages are devDependencies).`);
  return file;
}
