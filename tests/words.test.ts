import { describe, expect, it } from 'vitest';
import { breaksInsideWords, unbreakableRuns, urlParts, wordBoundaries, words } from '../src/typeset/words.ts';

describe('words (Intl.Segmenter)', () => {
  it('cuts Chinese into words, punctuation and numbers into segments of their own', () => {
    expect(words('1983年，人工智能首次應用於計算機', 'zh-Hant')).toEqual(['1983', '年', '，', '人工', '智能', '首次', '應用於', '計算機']);
    expect([...wordBoundaries('思考的', 'zh-Hant')].sort()).toEqual([0, 2, 3]);
  });

  it('counts the breaks that fall inside a word, never one at a space or a new paragraph', () => {
    const text = '一旦我們理解了如何構建人工智能';
    expect(breaksInsideWords(text, ['一旦我們理解了', '如何構建人工智能'], 'zh-Hant')).toBe(0);
    expect(breaksInsideWords(text, ['一', '旦我們理解了如何構建人', '工智能'], 'zh-Hant')).toBe(2);
    expect(breaksInsideWords('使用 Word 或 Photoshop 作弊', ['使用 Word', '或 Photoshop 作弊'], 'zh-Hant')).toBe(0);
    expect(breaksInsideWords('第一行\n第二行', ['第一行', '第二行'], 'zh-Hant')).toBe(0);
  });
});

describe('runs never broken', () => {
  it('finds URLs, e-mail addresses, handles and hashtags', () => {
    const text = '帳號@quotecards，信箱 hi@example.com，網址 https://example.com/a-b?x=1。＃人工智能 #AI';
    expect(unbreakableRuns(text).map(([start, end]) => text.slice(start, end))).toEqual([
      '@quotecards',
      'hi@example.com',
      'https://example.com/a-b?x=1',
      '＃人工智能',
      '#AI',
    ]);
  });

  it('cuts a URL after / . or -, never between the slashes of //', () => {
    expect(urlParts('https://example.com/cards/trust-is')).toEqual(['https://', 'example.', 'com/', 'cards/', 'trust-', 'is']);
    expect(urlParts('「https://a.b/c」，')).toEqual(['「https://', 'a.', 'b/', 'c」，']);
    expect(urlParts('ZeroOne.ai')).toEqual(['ZeroOne.ai']);
  });
});
