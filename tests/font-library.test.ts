import { describe, expect, it } from 'vitest';
import { createFontLibrary, type FontSources } from '../src/cards/font-library.ts';
import { nodePlatform } from '../src/node/platform.ts';

const node = nodePlatform();
const names = (fonts: readonly { name: string }[]) => fonts.map((font) => font.name).sort();

describe('the fonts satori gets', () => {
  const library = createFontLibrary(node);

  it("are the template face's subset alone when it has every character", async () => {
    expect(names(await library.satoriFonts('hant', 'kai', ['天下', '某人']))).toEqual(['kai-hant']);
    expect(names(await library.satoriFonts('hans', 'sans', ['天下']))).toEqual(['sans-hans']);
    // Emoji are images and invisible characters are not drawn: neither needs another font.
    expect(names(await library.satoriFonts('hant', 'kai', ['天下🇹🇼\u200b']))).toEqual(['kai-hant']);
  });

  it("are every subset of the script when the face's subset lacks a character another has (〚 is in Noto Sans only)", async () => {
    expect(names(await library.satoriFonts('hant', 'kai', ['〚天下〛']))).toEqual([
      'kai-hant',
      'sans-hant',
      'sans-hant-extra',
      'serif-hant',
    ]);
  });

  it('add the full fonts when no subset has a character (𠮷, U+20BB7, is in LXGW WenKai only)', async () => {
    expect(names(await library.satoriFonts('hant', 'kai', ['𠮷']))).toEqual([
      'full-kai',
      'full-sans-hans',
      'full-sans-hant',
      'full-sans-jpan',
      'full-sans-kore',
      'full-sans-latn',
      'kai-hant',
      'sans-hant',
      'sans-hant-extra',
      'serif-hant',
    ]);
  });

  it('are the same array for the same choice, so satori parses each set once', async () => {
    expect(await library.satoriFonts('hant', 'kai', ['天'])).toBe(await library.satoriFonts('hant', 'kai', ['下']));
  });
});

describe('reading and parsing fonts', () => {
  it("parses only the template face's fonts when they cover the card: the other files are never parsed", async () => {
    // Every font but the kai subsets is unparseable: parsing one would throw.
    const sources: FontSources = { readFont: async (file) => (file.startsWith('kai-') ? node.readFont(file) : new ArrayBuffer(16)) };
    const library = createFontLibrary(sources);
    expect(names(await library.satoriFonts('hant', 'kai', ['天下']))).toEqual(['kai-hant']);
    const metrics = await library.metrics('hant', 'kai', 400, ['天下']);
    expect(metrics.advance('天下')).toBe(2);
    await expect(library.satoriFonts('hant', 'kai', ['〚'])).rejects.toThrow();
  });

  it('tries a font whose read failed again on the next card, instead of keeping the failure', async () => {
    const failed = new Set<string>();
    const reads: string[] = [];
    const sources: FontSources = {
      async readFont(file) {
        reads.push(file);
        if (!failed.has(file)) {
          failed.add(file);
          throw new Error(`Font "${file}" could not be loaded: HTTP 503`);
        }
        return node.readFont(file);
      },
    };
    const library = createFontLibrary(sources);
    await expect(library.satoriFonts('hans', 'serif', ['天下'])).rejects.toThrow('could not be loaded: HTTP 503');
    expect(names(await library.satoriFonts('hans', 'serif', ['天下']))).toEqual(['serif-hans']);
    expect(reads.filter((file) => file === 'serif-hans-400.ttf')).toHaveLength(2);
  });
});
