/**
 * The hand-written conversion corpus (tests/fixtures/conversion-corpus.json),
 * one case per entry and target script, for the Node tests and the same tests
 * inside workerd.
 */
import corpus from './fixtures/conversion-corpus.json';
import { CHINESE_LANGS, type Lang } from '../src/cards/options.ts';

export interface ConversionCase {
  from: Lang;
  to: Lang;
  text: string;
  expected: string;
  covers: string;
}

type Entry = { from: string; text: string; covers: string } & Partial<Record<Lang, string>>;

export const CONVERSION_CASES: ConversionCase[] = (corpus.entries as Entry[]).flatMap((entry) =>
  CHINESE_LANGS.flatMap((to) => {
    const expected = entry[to];
    return to === entry.from || expected === undefined
      ? []
      : [{ from: entry.from as Lang, to, text: entry.text, expected, covers: entry.covers }];
  }),
);
