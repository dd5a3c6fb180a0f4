import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { convertText } from '../src/cards/convert.ts';
import { FONT_FILES } from '../src/cards/fonts.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { CHINESE_LANGS, scriptOf } from '../src/cards/options.ts';
import { nodePlatform } from '../src/node/platform.ts';
import type { Quote } from '../src/cards/quotes.ts';
import { VERTICAL_FORMS } from '../src/typeset/chars.ts';
import { emojiName, graphemes } from '../src/typeset/graphemes.ts';
import { createRenderer } from '../src/cards/render.ts';
import { findPackageFile } from '../src/node/package-file.ts';
import subsetFont from 'subset-font';
import { readChunks } from '../scripts/merge-chunks.ts';

const quotes = readQuotesFile();
const fonts = FONT_FILES.map((file) => {
  const bytes = readFileSync(new URL(`../fonts/${file.file}`, import.meta.url));
  return { file, font: opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
});

describe('the subset fonts', () => {
  it.each(CHINESE_LANGS)('cover every character of every bundled quote and attribution in %s, in every font of its script', (lang) => {
    // A face and weight covers a character when its main file or its supplement has it.
    const families = new Map<string, typeof fonts>();
    for (const entry of fonts.filter(({ file }) => file.script === scriptOf(lang))) {
      const family = `${entry.file.face}-${entry.file.weight}`;
      families.set(family, [...(families.get(family) ?? []), entry]);
    }
    expect(families.size).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const [family, files] of families) {
      for (const quote of quotes) {
        const texts = [quote.text, quote.speaker.name, quote.speaker.nameEn ?? '', quote.source.title, quote.source.titleEn ?? ''];
        for (const char of convertText(texts.join(''), quote.lang, lang)) {
          if (!/\s/.test(char) && files.every(({ font }) => font.charToGlyphIndex(char) === 0))
            missing.push(`${family}: ${char} (${quote.id})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('give Japanese its own glyph forms: Noto Sans CJK JP, not the Chinese ones', () => {
    const sans = (script: 'jpan' | 'kore') =>
      fonts.find(({ file }) => file.script === script && file.face === 'sans' && !file.supplements)!.font;
    expect(sans('jpan').names.fontFamily?.en).toBe('Noto Sans Japanese Regular');
    expect(sans('kore').names.fontFamily?.en).toMatch(/^Noto Sans Korean/);
    // 角 is drawn differently in Japan (its middle stroke stops at the frame) and in mainland China.
    const full = readFileSync(findPackageFile('@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf')!);
    const hans = opentype.parse(full.buffer.slice(full.byteOffset, full.byteOffset + full.byteLength), { lowMemory: true });
    const outline = (font: opentype.Font) => font.charToGlyph('角').getPath(0, 0, 100).toPathData(1);
    expect(sans('jpan').charToGlyphIndex('角')).toBeGreaterThan(0);
    expect(outline(sans('jpan'))).not.toBe(outline(hans));
  });

  it('set English in Latin faces, whose quotation marks are proportional, not full width', () => {
    for (const file of FONT_FILES.filter((font) => font.script === 'latn')) {
      const { font } = fonts.find((entry) => entry.file === file)!;
      const advance = font.charToGlyph('“').advanceWidth! / font.unitsPerEm;
      expect(advance, file.file).toBeLessThan(0.6);
    }
  });

  it('come with the Twemoji SVG of every emoji of the bundled quotes, which is all the Worker bundles (fonts/emoji.json)', () => {
    const bundled = JSON.parse(readFileSync(new URL('../fonts/emoji.json', import.meta.url), 'utf8'));
    const used = new Map<string, string>();
    for (const quote of quotes) {
      for (const text of [quote.text, quote.speaker.name, quote.speaker.nameEn ?? '', quote.source.title, quote.source.titleEn ?? '']) {
        for (const grapheme of graphemes(text)) {
          const name = emojiName(grapheme);
          if (name) used.set(name, readFileSync(findPackageFile(`@twemoji/svg/${name}.svg`)!, 'utf8'));
        }
      }
    }
    expect(bundled).toEqual(Object.fromEntries(used));
  });

  it('give each script its own glyph forms', () => {
    // 今 and 以 are drawn differently in Traditional and Simplified forms: the outlines must differ.
    for (const char of '今以') {
      const outline = (script: 'hant' | 'hans') => {
        const { font } = fonts.find(({ file }) => file.script === script && file.face === 'sans' && file.weight === 400)!;
        expect(font.charToGlyphIndex(char)).toBeGreaterThan(0);
        return font.charToGlyph(char).getPath(0, 0, 100).toPathData(1);
      };
      expect(outline('hant')).not.toBe(outline('hans'));
    }
  });
});

// Columns are set in Chinese only (the vertical template's languages).
describe.each(fonts.filter(({ file }) => !file.supplements && (file.script === 'hant' || file.script === 'hans')))(
  'fonts/$file.file',
  ({ font }) => {
    it('draws every mark columns use, in its vertical form or in its horizontal form (centred or turned)', () => {
      const covers = (char: string) => font.charToGlyphIndex(char) > 0;
      expect(Object.entries(VERTICAL_FORMS).filter(([char, form]) => !covers(form) && !covers(char))).toEqual([]);
    });
  },
);

describe('the kai face', () => {
  const kai = (script: 'hant' | 'hans') => fonts.find(({ file }) => file.face === 'kai' && file.script === script)!.font;
  const outline = (font: opentype.Font, char: string) => {
    expect(font.charToGlyphIndex(char), char).toBeGreaterThan(0);
    return font.charToGlyph(char).getPath(0, 0, 100).toPathData(1);
  };
  // Characters whose Taiwan standard forms differ from the mainland's (今, 以, 令: the last strokes; 直: its frame).
  const differing = '今以令直';

  it('is LXGW WenKai TC for Traditional text and LXGW WenKai for Simplified', () => {
    expect(kai('hant').names.fontFamily?.en).toBe('LXGW WenKai TC');
    expect(kai('hans').names.fontFamily?.en).toBe('LXGW WenKai');
  });

  it('draws Traditional text with the outlines of LXGW WenKai TC, not the mainland forms', async () => {
    const chunks = await readChunks(findPackageFile('@fontsource/lxgw-wenkai-tc/400.css')!);
    for (const char of differing) {
      const code = char.codePointAt(0)!;
      const chunk = chunks.find(({ ranges }) => ranges.some(([from, to]) => code >= from && code <= to))!;
      const bytes = readFileSync(chunk.file);
      const source = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      expect(outline(kai('hant'), char), char).toBe(outline(source, char));
      expect(outline(kai('hant'), char), char).not.toBe(outline(kai('hans'), char));
    }
  });
});

describe.each(FONT_FILES.filter((file) => file.source.endsWith('.css')))('fonts/$file, merged from unicode-range chunks', (file) => {
  it('has each glyph with the outline and advance width of the first chunk that has its character', async () => {
    const merged = fonts.find((entry) => entry.file === file)!.font;
    const chunks = await readChunks(findPackageFile(file.source)!);
    const cmap = merged.tables.cmap as unknown as { glyphIndexMap: Record<string, number> };
    const pending = new Set(Object.keys(cmap.glyphIndexMap).map((code) => String.fromCodePoint(Number(code))));
    expect(pending.size).toBeGreaterThan(500);
    const differing: string[] = [];
    for (const chunk of chunks) {
      const mine = [...pending].filter((char) =>
        chunk.ranges.some(([from, to]) => char.codePointAt(0)! >= from && char.codePointAt(0)! <= to),
      );
      if (mine.length === 0) continue;
      // opentype.js cannot inflate every WOFF chunk; harfbuzz turns the chunk into plain TrueType first.
      const bytes = await subsetFont(readFileSync(chunk.file), mine.join(''), { targetFormat: 'truetype' });
      const source = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      for (const char of mine.filter((char) => source.charToGlyphIndex(char) > 0)) {
        pending.delete(char);
        const [a, b] = [merged.charToGlyph(char), source.charToGlyph(char)];
        if (a.advanceWidth !== b.advanceWidth || a.getPath(0, 0, 100).toPathData(2) !== b.getPath(0, 0, 100).toPathData(2))
          differing.push(char);
      }
    }
    expect(differing).toEqual([]);
    expect([...pending]).toEqual([]);
  });
});

describe('characters outside the subsets', () => {
  const rare: Quote = {
    id: 'rare-characters',
    text: '齉龘靐',
    lang: 'zh-Hant',
    speaker: { name: '李開復' },
    source: { title: '財富創新論壇' },
  };
  const options = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 } as const;

  it('are not in the subsets (so this test means something)', () => {
    for (const char of rare.text) expect(fonts[0]!.font.charToGlyphIndex(char)).toBe(0);
  });

  it('fall back to the full fonts of the installed packages on Node, and are never drawn as a box without them', async () => {
    const withFallback = await createRenderer(nodePlatform()).svg(rare, options);
    expect(withFallback).toContain('<path');
    const { readFallbackFont: _, ...subsetsOnly } = nodePlatform();
    await expect(createRenderer(subsetsOnly).svg(rare, options)).rejects.toThrow(
      'Nothing draws "齉" (U+9F49): no font or emoji image has it',
    );
  });
});
