import { describe, expect, inject, it } from 'vitest';
import bundledQuotes from '../../quotes.json';
import { canConvertFrom, convertText } from '../../src/cards/convert.ts';
import { CHINESE_LANGS, type Lang } from '../../src/cards/options.ts';
import { words } from '../../src/typeset/words.ts';
import { CONVERSION_CASES } from '../conversion-cases.ts';

// The same corpus as tests/convert.test.ts, inside workerd: its ICU (and so
// Intl.Segmenter's word boundaries) is not Node's. The Worker leaves out the
// Simplified → Traditional dictionaries (wrangler.toml, [alias]), so it runs the
// cases written in Traditional script; word boundaries are compared for all.
describe('convertText in workerd', () => {
  const traditional = CONVERSION_CASES.filter((c) => c.from !== 'zh-Hans');

  it.each(traditional.map((c) => [c.from, c.to, c.text, c.expected]))('%s → %s: %s → %s', (from, to, text, expected) => {
    expect(convertText(text, from, to)).toBe(expected);
  });

  it('refuses text written in zh-Hans, naming what the build lacks', () => {
    expect(traditional.length).toBeGreaterThanOrEqual(80);
    expect(CHINESE_LANGS.filter(canConvertFrom)).toEqual(['zh-Hant', 'zh-HK']);
    expect(() => convertText('头发', 'zh-Hans', 'zh-Hant')).toThrow(/no dictionaries to convert zh-Hans to zh-Hant.*\[alias\]/);
  });

  it('converts every bundled quote, name and title to the same text as Node', () => {
    const nodeConversions = inject('nodeConversions');
    for (const quote of bundledQuotes)
      for (const lang of CHINESE_LANGS)
        for (const text of [quote.text, quote.speaker.name, quote.source.title]) {
          expect(convertText(text, quote.lang as Lang, lang), `${quote.id} in ${lang}`).toBe(nodeConversions[`${lang}\u0000${text}`]);
        }
  });

  // The corpus, cut into words in workerd and in Node (the bundled quotes are compared in
  // tests/worker/words.test.ts): the same Chinese words, or the same pieces would be converted.
  it('cuts every corpus text into the same words as Node', () => {
    const nodeCorpusWords = inject('nodeCorpusWords');
    expect(nodeCorpusWords.length).toBe(CONVERSION_CASES.length);
    const differing = nodeCorpusWords.filter(({ lang, text, words: expected }) => words(text, lang).join('|') !== expected.join('|'));
    expect(differing.map(({ text }) => text)).toEqual([]);
  });
});
