import { describe, expect, inject, it } from 'vitest';
import bundledQuotes from '../../quotes.json';
import { canConvertFrom, convertText } from '../../src/cards/convert.ts';
import { LANGS, type Lang } from '../../src/cards/options.ts';
import { CONVERSION_CASES, words } from '../conversion-cases.ts';

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
    expect(LANGS.filter(canConvertFrom)).toEqual(['zh-Hant', 'zh-HK']);
    expect(() => convertText('头发', 'zh-Hans', 'zh-Hant')).toThrow(/no dictionaries to convert zh-Hans to zh-Hant.*\[alias\]/);
  });

  it('converts every bundled quote, name and title to the same text as Node', () => {
    const nodeConversions = inject('nodeConversions');
    for (const quote of bundledQuotes)
      for (const lang of LANGS)
        for (const text of [quote.text, quote.speaker.name, quote.source.title]) {
          expect(convertText(text, quote.lang as Lang, lang), `${quote.id} in ${lang}`).toBe(nodeConversions[`${lang}\u0000${text}`]);
        }
  });

  // The one known difference: workerd's ICU splits Latin words at a full stop
  // (ZeroOne|.|ai, where Node 20 keeps ZeroOne.ai). No dictionary phrase holds
  // Latin letters, so conversion is unaffected; Chinese words must not differ.
  it('finds the same word boundaries as Node around every Chinese character', () => {
    const nodeWords = inject('nodeWords');
    const texts = [
      ...CONVERSION_CASES.map((c) => [c.text, c.from] as const),
      ...bundledQuotes.map((q) => [q.text, q.lang as Lang] as const),
    ];
    const aroundHan = (segmented: string) => segmented.replace(/(?<!\p{Script=Han})\|(?!\p{Script=Han})/gu, '');
    const differing = texts.filter(([text, lang]) => aroundHan(words(text, lang)) !== aroundHan(nodeWords[text]!));
    expect(differing.map(([text, lang]) => `${words(text, lang)}  (Node: ${nodeWords[text]})`)).toEqual([]);
    expect(words('在ZeroOne.ai的使命', 'zh-Hant')).toMatch(/^在\|ZeroOne(\.|\|\.\|)ai\|的\|使命$/);
  });
});
