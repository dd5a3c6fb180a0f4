import * as OpenCC from 'opencc-js';
import type { Lang } from './options.ts';

/**
 * OpenCC's character standards for each script. Conversion stays at the
 * character and variant level: the phrase variants (`twp`) would swap
 * words such as 人工智能 → 人工智慧 and change what was said.
 */
const LOCALE = { 'zh-Hant': 'tw', 'zh-HK': 'hk', 'zh-Hans': 'cn' } as const;

type Convert = (text: string) => string;
// Building a converter loads its dictionaries (cn→tw: ~200 ms), so each is built on first use.
const converters = new Map<string, Convert>();
const converted = new Map<string, string>();

/** Returns `text`, written in `from`, in the script of `to`; results are cached. */
export function convertText(text: string, from: Lang, to: Lang): string {
  if (from === to) return text;
  const key = `${from}>${to}\u0000${text}`;
  let result = converted.get(key);
  if (result === undefined) {
    result = converterFor(from, to)(text);
    converted.set(key, result);
  }
  return result;
}

function converterFor(from: Lang, to: Lang): Convert {
  const key = `${from}>${to}`;
  let convert = converters.get(key);
  if (!convert) {
    convert = OpenCC.Converter({ from: LOCALE[from], to: LOCALE[to] });
    converters.set(key, convert);
  }
  return convert;
}
