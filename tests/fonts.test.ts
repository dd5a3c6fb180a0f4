import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { convertText } from '../src/convert.ts';
import { FONT_FILES } from '../src/fonts.ts';
import { LANGS, scriptOf } from '../src/options.ts';
import { VERTICAL_FORMS } from '../src/typeset/chars.ts';
import { readQuotesFile } from '../src/node-app.ts';

const quotes = readQuotesFile();

// The kai subsets; the sans ones are covered by the core's own coverage check.
describe.each(FONT_FILES.filter((font) => font.face === 'kai'))('fonts/$file', (font) => {
  const bytes = readFileSync(new URL(`../fonts/${font.file}`, import.meta.url));
  const parsed = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const missing = (text: string) => [...new Set(text)].filter((char) => !/\s/.test(char) && parsed.charToGlyphIndex(char) === 0);

  it('has every character of every bundled quote and attribution in its script', () => {
    const langs = LANGS.filter((lang) => scriptOf(lang) === font.script);
    const texts = quotes.flatMap((quote) =>
      langs.flatMap((lang) => [quote.text, quote.speaker.name, quote.source.title].map((text) => convertText(text, quote.lang, lang))),
    );
    expect(missing(texts.join(''))).toEqual([]);
  });

});

describe.each(FONT_FILES)('fonts/$file', (font) => {
  it('has the vertical punctuation forms columns use', () => {
    const bytes = readFileSync(new URL(`../fonts/${font.file}`, import.meta.url));
    const parsed = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(Object.values(VERTICAL_FORMS).filter((char) => parsed.charToGlyphIndex(char) === 0)).toEqual([]);
  });
});
