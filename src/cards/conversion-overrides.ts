import type { Lang } from './options.ts';

/**
 * Words OpenCC's dictionaries convert wrongly even when matched whole, with
 * the right result for each target. Each entry says why and is tested in
 * tests/convert.test.ts.
 */
export interface Override {
  from: Lang;
  to: Lang[];
  /** The word as written in `from`: matched as one piece, inside a word or over whole words. */
  word: string;
  target: string;
  reason: string;
}

export const OVERRIDES: readonly Override[] = [
  {
    from: 'zh-Hans',
    to: ['zh-Hant', 'zh-HK'],
    word: '不准',
    target: '不准',
    reason:
      'OpenCC turns 不准 into 不準 ("inaccurate") unless a pronoun follows (不准你). In quotations it far more often means "not allowed" ' +
      '(不准吸烟), which is 不准 in Taiwan and Hong Kong; 不准确 and 不标准 are separate words and still become 不準確, 不標準. ' +
      'The rarer "inaccurate" sense written as a bare 不准 (说得不准) is left as 不准.',
  },
  {
    from: 'zh-Hans',
    to: ['zh-Hant', 'zh-HK'],
    word: '并为',
    target: '並為',
    reason:
      'OpenCC has the phrase 并为 → 併爲 ("merge into"), which also matches the far more common 并 ("and") + 为 ("for"): ' +
      '并为他们 must be 並為他們. 合并为 is a word of its own and still becomes 合併為; a bare 并为 meaning "merge into" ' +
      '(两家公司并为一家) becomes 並為.',
  },
];
