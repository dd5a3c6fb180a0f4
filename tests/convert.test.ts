import fc from 'fast-check';
import { Trie } from 'opencc-js/core';
import STPhrases from 'opencc-js/dict/STPhrases';
import { describe, expect, it } from 'vitest';
import { CONVERSION_CACHE_ENTRIES, canConvertFrom, convertText } from '../src/cards/convert.ts';
import { LANGS } from '../src/cards/options.ts';
import { OVERRIDES } from '../src/cards/conversion-overrides.ts';
import { setQuotationMarks } from '../src/cards/quotation-marks.ts';
import { wordPieces } from '../src/cards/word-pieces.ts';
import { CONVERSION_CASES } from './conversion-cases.ts';

describe('convertText on the hand-written corpus', () => {
  it('has at least 80 sentences, in both directions and to both Traditional standards', () => {
    expect(new Set(CONVERSION_CASES.map((c) => c.text)).size).toBeGreaterThanOrEqual(80);
    for (const [from, to] of [
      ['zh-Hans', 'zh-Hant'],
      ['zh-Hans', 'zh-HK'],
      ['zh-Hant', 'zh-Hans'],
      ['zh-Hant', 'zh-HK'],
      ['zh-HK', 'zh-Hans'],
    ]) {
      expect(CONVERSION_CASES.filter((c) => c.from === from && c.to === to).length, `${from} → ${to}`).toBeGreaterThan(0);
    }
  });

  it.each(CONVERSION_CASES.map((c) => [c.from, c.to, c.text, c.expected, c.covers]))(
    '%s → %s: %s → %s (%s)',
    (from, to, text, expected) => {
      expect(convertText(text, from, to)).toBe(expected);
    },
  );
});

describe('convertText', () => {
  it.each([
    ['这件事在前头发生过', '這件事在前頭發生過'],
    ['可是只有他', '可是只有他'],
    ['粉丝发送', '粉絲發送'],
  ])('keeps dictionary phrases inside words: %s → %s', (text, expected) => {
    expect(convertText(text, 'zh-Hans', 'zh-Hant')).toBe(expected);
  });

  it('still matches a phrase made of whole words (李|开|复 is one name)', () => {
    expect(convertText('李开复', 'zh-Hans', 'zh-Hant')).toBe('李開復');
    expect(convertText('他把房间打扫得干干净净', 'zh-Hans', 'zh-Hant')).toBe('他把房間打掃得乾乾淨淨');
  });

  it.each([
    ['zh-Hant', 'zh-Hans', '在過去的 20 年裡，李開復', '在过去的 20 年里，李开复'],
    ['zh-Hant', 'zh-HK', '在過去的 20 年裡', '在過去的 20 年裏'],
    ['zh-Hans', 'zh-Hant', '我们只比美国晚一年', '我們只比美國晚一年'],
    ['zh-HK', 'zh-Hant', '裏面', '裡面'],
  ] as const)('converts %s to %s', (from, to, input, expected) => {
    expect(convertText(input, from, to)).toBe(expected);
  });

  it('never rewrites vocabulary (no phrase variants such as twp)', () => {
    expect(convertText('人工智能和软件', 'zh-Hans', 'zh-Hant')).toBe('人工智能和軟件');
    expect(convertText('人工智慧和軟體', 'zh-Hant', 'zh-Hans')).toBe('人工智慧和软体');
  });

  it('leaves the characters alone within one script, but sets its quotation marks', () => {
    expect(convertText('隻字不提 GPT 4', 'zh-Hant', 'zh-Hant')).toBe('隻字不提 GPT 4');
    expect(convertText('他说“好”', 'zh-Hans', 'zh-Hans')).toBe('他说“好”');
    expect(convertText('他說“好”', 'zh-Hant', 'zh-Hant')).toBe('他說「好」');
  });

  it('converts from every script on Node (the Worker leaves out zh-Hans sources)', () => {
    expect(LANGS.filter(canConvertFrom)).toEqual([...LANGS]);
  });

  it('keeps Latin text, digits and emoji', () => {
    expect(convertText('在ZeroOne.ai发布了GPT-4o 😀', 'zh-Hans', 'zh-Hant')).toBe('在ZeroOne.ai發佈了GPT-4o 😀');
  });

  it('keeps at most CONVERSION_CACHE_ENTRIES results and still converts after evicting', () => {
    for (let i = 0; i < CONVERSION_CACHE_ENTRIES + 50; i++) convertText(`第${i}个头发`, 'zh-Hans', 'zh-Hant');
    expect(convertText('第0个头发', 'zh-Hans', 'zh-Hant')).toBe('第0個頭髮');
  });
});

describe('OVERRIDES', () => {
  it('gives each entry a reason', () => {
    for (const entry of OVERRIDES) expect(entry.reason.length, entry.word).toBeGreaterThan(40);
  });

  it.each([
    ['zh-Hant', '這裡不准吸菸，你不准走', '他說得不準確'],
    ['zh-HK', '這裏不准吸煙，你不准走', '他説得不準確'],
  ] as const)('不准 ("not allowed") stays 不准 in %s; 不准确 still becomes 不準確', (to, allowed, accurate) => {
    expect(convertText('这里不准吸烟，你不准走', 'zh-Hans', to)).toBe(allowed);
    expect(convertText('他说得不准确', 'zh-Hans', to)).toBe(accurate);
  });
});

describe('OVERRIDES: 并为', () => {
  it.each(['zh-Hant', 'zh-HK'] as const)('并为 ("and for") becomes 並為 in %s; 合并为 stays 合併為', (to) => {
    expect(convertText('公司，并为他们服务', 'zh-Hans', to)).toBe('公司，並為他們服務');
    expect(convertText('两家公司合并为一家', 'zh-Hans', to)).toBe('兩家公司合併為一家');
  });
});

describe('setQuotationMarks', () => {
  it.each([
    ['zh-Hans', '他说：「你听过『知足常乐』吗？」', '他说：“你听过‘知足常乐’吗？”'],
    ['zh-Hant', '他說：“你聽過‘知足常樂’嗎？”', '他說：「你聽過『知足常樂』嗎？」'],
    ['zh-HK', '“一層‘兩層“三層”’”', '「一層『兩層「三層」』」'],
    ['zh-Hans', '「一層『兩層「三層」』」', '“一層‘兩層“三層”’”'],
  ] as const)('in %s: %s → %s', (lang, text, expected) => {
    expect(setQuotationMarks(text, lang)).toBe(expected);
  });

  it('sets the mark by nesting level, not by the glyph it was written with', () => {
    expect(setQuotationMarks('‘外’和“外”', 'zh-Hant')).toBe('「外」和「外」');
    expect(setQuotationMarks('「外『內』」', 'zh-Hans')).toBe('“外‘內’”');
  });

  it('keeps apostrophes in Latin words and straight quotes', () => {
    expect(setQuotationMarks('Kai-Fu’s “AI” and "GPT"', 'zh-Hant')).toBe('Kai-Fu’s 「AI」 and "GPT"');
  });

  it('maps an unpaired closing mark by its own level', () => {
    expect(setQuotationMarks('好」和』', 'zh-Hans')).toBe('好”和’');
  });
});

describe('wordPieces', () => {
  const phrases = new Trie();
  phrases.loadDict(STPhrases);
  const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'头发生前只有可是干净里面后台着了制复余系历准冲采于李开复。，“”'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
  });

  it('gives back the text, and never a phrase that straddles a word boundary', () => {
    fc.assert(
      fc.property(text, (input) => {
        const pieces = wordPieces(input, phrases, 'zh-Hans');
        expect(pieces.join('')).toBe(input);
        const boundaries = new Set([...segmenter.segment(input)].map((word) => word.index).concat(input.length));
        let at = 0;
        for (const piece of pieces) {
          const inside = [...segmenter.segment(input)].some(
            (word) => word.index <= at && at + piece.length <= word.index + word.segment.length,
          );
          expect(inside || (boundaries.has(at) && boundaries.has(at + piece.length)), `${piece} at ${at} in ${input}`).toBe(true);
          at += piece.length;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cuts 前头|发生 as two phrases and 李|开|复 as one', () => {
    expect(wordPieces('这件事在前头发生过', phrases, 'zh-Hans')).toEqual(['这', '件', '事', '在', '前头', '发生', '过']);
    expect(wordPieces('李开复', phrases, 'zh-Hans')).toEqual(['李开复']);
  });
});
