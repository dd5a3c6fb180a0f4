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

export const FORMATS = ['png', 'svg', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULTS = {
  template: 'classic',
  size: 'og',
  lang: 'zh-Hant',
  theme: 'light',
  scale: 1,
} as const;
