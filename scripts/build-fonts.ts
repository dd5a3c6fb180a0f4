/**
 * Builds fonts/: one subset per font in FONT_FILES, holding every character
 * of every bundled quote and attribution in every script that font serves,
 * plus BASE_CHARACTERS; and fonts/emoji.json, the Twemoji SVGs of the
 * emoji the bundled quotes use (the Worker bundles only those). Run with
 * `npm run fonts` after editing quotes.json.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import opentype from 'opentype.js';
import subsetFont from 'subset-font';
import { convertText } from '../src/cards/convert.ts';
import { BASE_CHARACTERS, FONT_FILES } from '../src/cards/fonts.ts';
import { SCRIPTS, cardLangs, scriptOf, type Script } from '../src/cards/options.ts';
import { findPackageFile } from '../src/node/package-file.ts';
import { parseQuotes } from '../src/cards/quotes.ts';
import { emojiName, graphemes } from '../src/typeset/graphemes.ts';
import { mergeChunks } from './merge-chunks.ts';

const root = new URL('../', import.meta.url);
// The bundled quotes, and the test fixture's quotes in every language, so the tests run on the subsets.
const quotes = [
  ...parseQuotes(await readFile(new URL('quotes.json', root), 'utf8')),
  ...parseQuotes(await readFile(new URL('tests/fixtures/quotes-languages.json', root), 'utf8')),
];

// The quotes' characters must be covered; BASE_CHARACTERS are kept where a font has them.
const required = Object.fromEntries(SCRIPTS.map((script) => [script, new Set<string>()])) as Record<Script, Set<string>>;
for (const quote of quotes) {
  const texts = [quote.text, quote.speaker.name, quote.speaker.nameEn ?? '', quote.source.title, quote.source.titleEn ?? ''];
  for (const lang of cardLangs(quote.lang)) {
    for (const text of texts)
      for (const char of convertText(text, quote.lang, lang)) if (!/\s/.test(char)) required[scriptOf(lang)].add(char);
  }
}

const built = new Map<string, opentype.Font>();
for (const font of FONT_FILES) {
  let needed = [...required[font.script]];
  let wanted = [...new Set([...BASE_CHARACTERS, ...needed])];
  if (font.supplements) {
    const main = built.get(font.supplements);
    if (!main) throw new Error(`${font.file} supplements ${font.supplements}, which must come before it in FONT_FILES`);
    wanted = needed = needed.filter((char) => main.charToGlyphIndex(char) === 0);
  }
  const source = await readSource(font.source, wanted);
  const subset = await subsetFont(source, wanted.sort().join(''), { targetFormat: 'sfnt' });
  const parsed = opentype.parse(subset.buffer.slice(subset.byteOffset, subset.byteOffset + subset.byteLength));
  const missing = needed.filter((char) => parsed.charToGlyphIndex(char) === 0);
  built.set(font.file, parsed);
  await writeFile(new URL(`fonts/${font.file}`, root), subset);
  console.log(`fonts/${font.file}: ${parsed.numGlyphs} glyphs, ${(subset.length / 1024).toFixed(0)} KiB`);
  if (missing.length > 0 && !FONT_FILES.some((other) => other.supplements === font.file)) {
    throw new Error(`${font.source} lacks ${missing.join('')}: add a supplement entry to FONT_FILES`);
  }
}
const emoji: Record<string, string> = {};
for (const quote of quotes) {
  for (const text of [quote.text, quote.speaker.name, quote.speaker.nameEn ?? '', quote.source.title, quote.source.titleEn ?? '']) {
    for (const grapheme of graphemes(text)) {
      const name = emojiName(grapheme);
      if (name) emoji[name] = await readFile(packageFile(`@twemoji/svg/${name}.svg`), 'utf8');
    }
  }
}
await writeFile(new URL('fonts/emoji.json', root), `${JSON.stringify(emoji, Object.keys(emoji).sort(), 0)}\n`);
console.log(`fonts/emoji.json: ${Object.keys(emoji).length} emoji`);
await copyFile(packageFile('@embedpdf/fonts-tc/LICENSE'), new URL('fonts/OFL-NotoSansCJK.txt', root));
await copyFile(packageFile('@fontsource/lxgw-wenkai/LICENSE'), new URL('fonts/OFL-LXGWWenKai.txt', root));
await copyFile(packageFile('@fontsource/lxgw-wenkai-tc/LICENSE'), new URL('fonts/OFL-LXGWWenKaiTC.txt', root));
await copyFile(packageFile('@fontsource/noto-serif-tc/LICENSE'), new URL('fonts/OFL-NotoSerifCJK.txt', root));
await copyFile(packageFile('@fontsource/noto-sans/LICENSE'), new URL('fonts/OFL-NotoSans.txt', root));
await copyFile(packageFile('@fontsource/noto-serif/LICENSE'), new URL('fonts/OFL-NotoSerif.txt', root));

/** A source font's bytes; a font published as unicode-range chunks (its CSS file) is merged first, keeping `wanted`. */
async function readSource(source: string, wanted: readonly string[]): Promise<Buffer> {
  if (!source.endsWith('.css')) return readFile(packageFile(source));
  return (await mergeChunks(packageFile(source), wanted)).data;
}

function packageFile(path: string): string {
  const file = findPackageFile(path);
  if (!file) throw new Error(`${path} is missing: run npm ci (the font packages are devDependencies).`);
  return file;
}
