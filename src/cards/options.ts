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
 * The scripts a quote can be shown in. `zh-Hant` is Taiwan's standard,
 * `zh-HK` Hong Kong's, `zh-Hans` Simplified (mainland) Chinese.
 */
export const LANGS = ['zh-Hant', 'zh-HK', 'zh-Hans'] as const;
export type Lang = (typeof LANGS)[number];

/** Which glyph forms a script needs: Traditional or Simplified. */
export type Script = 'hant' | 'hans';
export function scriptOf(lang: Lang): Script {
  return lang === 'zh-Hans' ? 'hans' : 'hant';
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
