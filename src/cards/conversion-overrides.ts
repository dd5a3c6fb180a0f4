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
];
