import { convertText } from './convert.ts';
import type { Lang } from './options.ts';
import type { Quote } from './quotes.ts';

/** A quote in one script: what cards, pages, the API and exports show. */
export interface LocalizedQuote {
  id: string;
  /** The script it is shown in. */
  lang: Lang;
  text: string;
  speaker: string;
  source: string;
  /** English names, passed through as written. */
  speakerEn?: string;
  sourceEn?: string;
  date?: string;
  url?: string;
}

/**
 * The one way a quote is put into a script: its text, speaker and source
 * converted from the quote's own script to `lang` (OpenCC's dictionaries, word
 * by word, with the quotation marks of `lang`; see convertText), the English
 * fields and the source's date and URL as they are.
 */
export function localizeQuote(quote: Quote, lang: Lang): LocalizedQuote {
  const inLang = (text: string) => convertText(text, quote.lang, lang);
  return {
    id: quote.id,
    lang,
    text: inLang(quote.text),
    speaker: inLang(quote.speaker.name),
    source: inLang(quote.source.title),
    speakerEn: quote.speaker.nameEn,
    sourceEn: quote.source.titleEn,
    date: quote.source.date,
    url: quote.source.url,
  };
}

/** Platforms cut image alt text at 420 characters (X/Twitter); alt texts keep whole characters within it. */
export const MAX_ALT_LENGTH = 420;

/**
 * 「text」— speaker，source (Chinese), 「text」— speaker、source (Japanese),
 * “text” — speaker, source (Korean, English): how a card reads aloud, at most
 * MAX_ALT_LENGTH code points. Pages and exports use it.
 */
export function cardAlt(quote: LocalizedQuote): string {
  return clip(quoteLine(quote), MAX_ALT_LENGTH);
}

/** The quote in its marks, a dash and the attribution, as cardAlt gives it but never cut (a page's description). */
export function quoteLine(quote: LocalizedQuote): string {
  return `${quoted(quote.text, quote.lang)}${spacedLang(quote.lang) ? ' ' : ''}— ${attributionLine(quote)}`;
}

/** speaker：「text」 (Chinese, Japanese) or speaker: “text” (Korean, English): a page's or an embed's title. */
export function titleLine(quote: LocalizedQuote): string {
  return `${quote.speaker}${spacedLang(quote.lang) ? ': ' : '：'}${quoted(quote.text, quote.lang)}`;
}

/** `text` in the quotation marks of `lang`: 「…」 in Chinese and Japanese, “…” in Korean and English. */
export function quoted(text: string, lang: Lang): string {
  return spacedLang(lang) ? `“${text}”` : `「${text}」`;
}

/** Whether `lang` puts spaces between words (Korean, English), and so around a dash and after a colon. */
export function spacedLang(lang: Lang): boolean {
  return lang === 'ko' || lang === 'en';
}

/** speaker and source joined as the quote's language joins them (see attributionSeparator). */
export function attributionLine(quote: LocalizedQuote): string {
  return `${quote.speaker}${attributionSeparator(quote.lang)}${quote.source}`;
}

/** What separates speaker and source: the full-width comma in Chinese, the ideographic comma 、 in Japanese, `, ` in Korean and English. */
export function attributionSeparator(lang: Lang): string {
  if (lang === 'ja') return '、';
  return spacedLang(lang) ? ', ' : '，';
}

/** `text` cut to at most `max` code points, the last one an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
