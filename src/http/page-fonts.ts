import { convertText } from '../cards/convert.ts';
import { codePointRange } from '../cards/fonts.ts';
import { CHINESE_LANGS, type Lang, type Script } from '../cards/options.ts';

/** The scripts pages have a web font for: Chinese (Japanese, Korean and English pages use the reader's system fonts). */
export type PageScript = Extract<Script, 'hant' | 'hans'>;
import type { Quote } from '../cards/quotes.ts';
import { LANG_LABEL } from './urls.ts';

/**
 * The pages' own web fonts: one WOFF2 per script (Traditional and Simplified
 * glyph forms), subset to the characters pages show, so a reader without a
 * CJK system font still sees the quotes. Built from the OFL fonts the cards
 * use (src/node/page-fonts.ts); served as /assets/page-<script>.woff2.
 */
export type PageFonts = Record<PageScript, Uint8Array<ArrayBuffer>>;

/** The CSS family name of a script's page font. */
export const PAGE_FONT_FAMILY: Record<PageScript, string> = { hant: 'quote-cards Hant', hans: 'quote-cards Hans' };

/**
 * The pages' own Chinese words, whatever the quotes: the script picker's
 * names, the punctuation titles and attributions are written with
 * (「」：，— …) and the CJK and full-width punctuation blocks.
 */
const PAGE_WORDS =
  // The Chinese scripts' names only: 日本語, 한국어 and English are shown on Japanese, Korean and English pages, in system fonts.
  CHINESE_LANGS.map((lang) => LANG_LABEL[lang]).join('') +
  '「」『』“”‘’：，。、！？；（）—…·' +
  codePointRange(0x3000, 0x303f) +
  codePointRange(0xff01, 0xff5e);

/**
 * The characters a script's page font must hold: every quote's text,
 * speaker and source in every script of that glyph form (zh-Hant and zh-HK
 * for `hant`, zh-Hans for `hans`), the English names, and PAGE_WORDS. The
 * `hans` font also carries the Hong Kong forms that zh-HK has and zh-Hant
 * has not (説, 閲): Noto Sans CJK's Traditional font covers Big5 only, and
 * pages name the `hans` font after it. Sorted code points, no whitespace.
 */
export function pageFontCharacters(quotes: readonly Quote[], script: PageScript): string {
  const chars = new Set(PAGE_WORDS);
  for (const quote of quotes) {
    const texts = [quote.text, quote.speaker.name, quote.speaker.nameEn ?? '', quote.source.title, quote.source.titleEn ?? ''].join('');
    const inLang = (lang: Lang) => new Set(convertText(texts, quote.lang, lang));
    if (script === 'hant') for (const lang of ['zh-Hant', 'zh-HK'] as const) for (const char of inLang(lang)) chars.add(char);
    else {
      const taiwan = inLang('zh-Hant');
      for (const char of inLang('zh-Hans')) chars.add(char);
      for (const char of inLang('zh-HK')) if (!taiwan.has(char)) chars.add(char);
    }
  }
  return [...chars]
    .filter((char) => !/\s/.test(char))
    .sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)
    .join('');
}
