import { LRUCache } from 'lru-cache';
import { Trie } from 'opencc-js/core';
import CJK_Compatibility_Ideographs from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HKVariants from 'opencc-js/dict/HKVariants';
import HKVariantsPhrases from 'opencc-js/dict/HKVariantsPhrases';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import STPhrases_GeneratedFromRegionalPhrases from 'opencc-js/dict/STPhrases_GeneratedFromRegionalPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import TWVariantsPhrases from 'opencc-js/dict/TWVariantsPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import { OVERRIDES } from './conversion-overrides.ts';
import { LANGS, type Lang } from './options.ts';
import { setQuotationMarks } from './quotation-marks.ts';
import { wordPieces, type PhraseMatcher } from './word-pieces.ts';

/**
 * How OpenCC converts between two scripts, as in its own configurations
 * (s2tw, s2hk, tw2s, hk2s; tw2hk and hk2tw as opencc-js chains them): groups
 * of dictionaries applied in turn, each to the whole text, which each group
 * cuts into words and phrases anew (see wordPieces). Only OpenCC's character
 * standards are used (Taiwan `tw`, Hong Kong `hk`, mainland `cn`), never the
 * phrase variants (`twp`, `hkp`) that swap vocabulary such as 人工智能 → 人工智慧
 * and would change what was said.
 */
type Plan = string[][];

const SIMPLIFIED_TO_TRADITIONAL = [STPhrases, STPhrases_GeneratedFromRegionalPhrases, STCharacters];
/** Only the Chinese scripts convert; any other language is shown as written. */
const PLANS: Partial<Record<`${Lang}>${Lang}`, Plan>> = {
  'zh-Hans>zh-Hant': [SIMPLIFIED_TO_TRADITIONAL, [TWVariantsPhrases, TWVariants]],
  'zh-Hans>zh-HK': [SIMPLIFIED_TO_TRADITIONAL, [HKVariantsPhrases, HKVariants]],
  'zh-Hant>zh-Hans': [
    [TWVariantsRevPhrases, TWVariantsRev],
    [TSPhrases, TSCharacters],
  ],
  'zh-HK>zh-Hans': [
    [HKVariantsRevPhrases, HKVariantsRev],
    [TSPhrases, TSCharacters],
  ],
  'zh-Hant>zh-HK': [
    [TWVariantsRevPhrases, TWVariantsRev],
    [HKVariantsPhrases, HKVariants],
  ],
  'zh-HK>zh-Hant': [
    [HKVariantsRevPhrases, HKVariantsRev],
    [TWVariantsPhrases, TWVariants],
  ],
};

/**
 * Whether this build can convert text written in `lang` to the other scripts:
 * false for zh-Hans in the Worker, whose bundle leaves out the Simplified →
 * Traditional dictionaries (wrangler.toml, [alias]).
 */
export function canConvertFrom(lang: Lang): boolean {
  return LANGS.every((to) => PLANS[`${lang}>${to}`]?.every((group) => group.every((dictionary) => dictionary !== '')) ?? true);
}

type Convert = (text: string) => string;

/** Converted texts kept for reuse: quotes, names and titles are converted on every render. */
export const CONVERSION_CACHE_ENTRIES = 2_000;
const converted = new LRUCache<string, string>({ max: CONVERSION_CACHE_ENTRIES });
// Building a converter loads its dictionaries into tries (Simplified → Traditional:
// about 200 ms and 80 MB, for its 1 MB phrase list), so each is built on first use.
const converters = new Map<string, Convert>();

/**
 * Returns `text`, written in `from`, in the script of `to`, with the
 * quotation marks of `to` (see setQuotationMarks). The text is first cut into
 * words (Intl.Segmenter), and OpenCC's phrases match only inside a word or
 * over whole words, so 这件事在前头发生过 becomes 這件事在前頭發生過, not 前頭髮生;
 * OVERRIDES then correct the few words OpenCC itself gets wrong. Characters
 * that have no counterpart are kept. Results are cached (least recently used
 * out first, CONVERSION_CACHE_ENTRIES at most).
 */
export function convertText(text: string, from: Lang, to: Lang): string {
  const key = `${from}>${to}\u0000${text}`;
  let result = converted.get(key);
  if (result === undefined) {
    const plan = PLANS[`${from}>${to}`];
    result = setQuotationMarks(plan ? converterFor(from, to, plan)(text) : text, to);
    converted.set(key, result);
  }
  return result;
}

function converterFor(from: Lang, to: Lang, plan: Plan): Convert {
  const key = `${from}>${to}`;
  let convert = converters.get(key);
  if (!convert) {
    convert = createConverter(from, to, plan);
    converters.set(key, convert);
  }
  return convert;
}

function createConverter(from: Lang, to: Lang, plan: Plan): Convert {
  if (!canConvertFrom(from)) {
    throw new Error(
      `This build has no dictionaries to convert ${from} to ${to}: OpenCC's Simplified → Traditional dictionaries are left out of the Worker (wrangler.toml, [alias]).`,
    );
  }
  const trie = (dictionaries: string[]) => {
    const built = new Trie();
    built.loadDictGroup(dictionaries);
    return built;
  };
  const compatibility = trie([CJK_Compatibility_Ideographs]);
  const groups = plan.map(trie);
  const overrides = new Map(
    OVERRIDES.flatMap((entry) => (entry.from === from && entry.to.includes(to) ? [[entry.word, entry.target]] : [])),
  );
  // Overrides are cut out of the source text as pieces of their own, taking precedence over an equally long phrase.
  const overrideTrie = trie([[...overrides.keys()].map((word) => `${word} ${word}`).join('|')].filter(Boolean));
  const firstCut: PhraseMatcher = {
    matchPrefix(text, offset) {
      const override = overrideTrie.matchPrefix(text, offset);
      const phrase = groups[0]!.matchPrefix(text, offset);
      return override && (!phrase || override.end >= phrase.end) ? override : phrase;
    },
  };
  return (text) =>
    groups.reduce(
      (current, group, index) =>
        wordPieces(current, index === 0 ? firstCut : group, from)
          .map((piece) => (index === 0 ? overrides.get(piece) : undefined) ?? group.convert(piece))
          .join(''),
      compatibility.convert(text),
    );
}
