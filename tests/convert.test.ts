import { describe, expect, it } from 'vitest';
import { convertText } from '../src/cards/convert.ts';

describe('convertText', () => {
  it.each([
    ['zh-Hant', 'zh-Hans', '在過去的 20 年裡，李開復', '在过去的 20 年里，李开复'],
    ['zh-Hant', 'zh-HK', '在過去的 20 年裡', '在過去的 20 年裏'],
    ['zh-Hans', 'zh-Hant', '我们只比美国晚一年', '我們只比美國晚一年'],
    ['zh-Hans', 'zh-HK', '里面', '裏面'],
    ['zh-HK', 'zh-Hans', '裏面', '里面'],
    ['zh-HK', 'zh-Hant', '裏面', '裡面'],
  ] as const)('converts %s to %s at the character level', (from, to, input, expected) => {
    expect(convertText(input, from, to)).toBe(expected);
  });

  it('never rewrites vocabulary (no phrase conversion)', () => {
    expect(convertText('人工智能和软件', 'zh-Hans', 'zh-Hant')).toBe('人工智能和軟件');
  });

  it('returns the text unchanged within one script', () => {
    expect(convertText('隻字不提 GPT 4', 'zh-Hant', 'zh-Hant')).toBe('隻字不提 GPT 4');
  });
});
