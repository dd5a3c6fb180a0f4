/**
 * Everything a card request can choose: sizes, scripts, themes, scales.
 * Templates register themselves in templates/index.ts.
 */

/** Canvas sizes in CSS pixels (a `scale` multiplies them for the PNG). */
export const SIZES = {
  og: { width: 1200, height: 630 },
  square: { width: 1080, height: 1080 },
  story: { width: 1080, height: 1920 },
} as const;
export type SizeName = keyof typeof SIZES;
export interface Canvas {
  width: number;
  height: number;
}

/**
 * The Chinese scripts a Chinese quote can be shown in, each converted from the
 * one it is written in. `zh-Hant` is Taiwan's standard, `zh-HK` Hong Kong's,
 * `zh-Hans` Simplified (mainland) Chinese.
 */
export const CHINESE_LANGS = ['zh-Hant', 'zh-HK', 'zh-Hans'] as const;
export type ChineseLang = (typeof CHINESE_LANGS)[number];

/**
 * Every language a quote may be written in and a card shown in (BCP 47):
 * the Chinese scripts, Japanese, Korean and English. A Chinese quote is shown
 * in any Chinese script; a Japanese, Korean or English quote only in its own
 * language (see cardLangs).
 */
export const LANGS = [...CHINESE_LANGS, 'ja', 'ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Whether `lang` is one of the Chinese scripts, which convert into one another. */
export function isChinese(lang: Lang): lang is ChineseLang {
  return (CHINESE_LANGS as readonly Lang[]).includes(lang);
}

/** The languages the cards of a quote written in `lang` can be shown in; the first is the default. */
export function cardLangs(lang: Lang): readonly Lang[] {
  return isChinese(lang) ? CHINESE_LANGS : [lang];
}

/** The card language when a request names none: DEFAULTS.lang for a Chinese quote, else the quote's own. */
export function defaultLang(quoteLang: Lang): Lang {
  return cardLangs(quoteLang)[0]!;
}

/** The language a quote is shown in when `lang` is asked for all quotes at once (the gallery, the quote list): `lang` when the quote's cards come in it, else the quote's default. */
export function shownLang(quoteLang: Lang, lang: Lang | undefined): Lang {
  return lang !== undefined && cardLangs(quoteLang).includes(lang) ? lang : defaultLang(quoteLang);
}

/**
 * Which glyph forms and face a card's text needs (ISO 15924 codes, lowercase):
 * Traditional or Simplified Han, Japanese (`jpan`: kanji and kana in Japanese
 * forms), Korean (`kore`: Hangul) or Latin.
 */
export const SCRIPTS = ['hant', 'hans', 'jpan', 'kore', 'latn'] as const;
export type Script = (typeof SCRIPTS)[number];

/**
 * Region and script tags that name one of LANGS (BCP 47 tags compare
 * case-insensitively, RFC 5646 §2.1.1): Taiwan → zh-Hant, Macau → zh-HK
 * (Hong Kong forms), mainland China and Singapore → zh-Hans; ja-JP, ko-KR,
 * en-US and en-GB → ja, ko, en. Keys are lowercase.
 */
export const LANG_ALIASES: Readonly<Record<string, Lang>> = {
  'zh-hant': 'zh-Hant',
  'zh-tw': 'zh-Hant',
  'zh-hant-tw': 'zh-Hant',
  'zh-hk': 'zh-HK',
  'zh-hant-hk': 'zh-HK',
  'zh-mo': 'zh-HK',
  'zh-hant-mo': 'zh-HK',
  'zh-hans': 'zh-Hans',
  'zh-cn': 'zh-Hans',
  'zh-sg': 'zh-Hans',
  'zh-hans-cn': 'zh-Hans',
  'zh-hans-sg': 'zh-Hans',
  ja: 'ja',
  'ja-jp': 'ja',
  ko: 'ko',
  'ko-kr': 'ko',
  en: 'en',
  'en-us': 'en',
  'en-gb': 'en',
};

/** The script a tag names, in any case or as a region alias (see LANG_ALIASES); undefined when none. */
export function canonicalLang(tag: string): Lang | undefined {
  return LANG_ALIASES[tag.toLowerCase()];
}

export function scriptOf(lang: Lang): Script {
  const scripts: Record<Lang, Script> = { 'zh-Hant': 'hant', 'zh-HK': 'hant', 'zh-Hans': 'hans', ja: 'jpan', ko: 'kore', en: 'latn' };
  return scripts[lang];
}

export const THEMES = {
  light: { background: '#f7f3ea', text: '#1f1b16', accent: '#b5452e', muted: '#6e655a', rule: '#d9cfbd' },
  dark: { background: '#16181d', text: '#f2eee6', accent: '#e0a24a', muted: '#9b958b', rule: '#3a3d45' },
} as const;
export type ThemeName = keyof typeof THEMES;
export type Theme = (typeof THEMES)[ThemeName];

export const SCALES = [1, 2, 3] as const;
export type Scale = (typeof SCALES)[number];

/**
 * The widths (px) a PNG may be asked for with `width`, besides its own size ×
 * scale: small renditions for thumbnails, srcset and oEmbed's maxwidth. A size
 * takes those up to its own width (og: all; square and story: up to 1080).
 * The height follows the size's aspect ratio, rounded to the nearest pixel
 * (renditionHeight).
 */
export const WIDTHS = [320, 400, 480, 640, 800, 1080, 1200] as const;

/** The widths a size may be rendered at: WIDTHS up to the size's own width. */
export function widthsOf(size: SizeName): number[] {
  return WIDTHS.filter((width) => width <= SIZES[size].width);
}

/** A rendition's height for `width` px: the size's aspect ratio, rounded to the nearest pixel (og at 640 → 336). */
export function renditionHeight(size: SizeName, width: number): number {
  return Math.round((width * SIZES[size].height) / SIZES[size].width);
}

export const FORMATS = ['png', 'svg', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULTS = {
  template: 'classic',
  size: 'og',
  lang: 'zh-Hant',
  theme: 'light',
  scale: 1,
  /** No rendition width: the size × scale (see WIDTHS). */
  width: undefined,
} as const;
