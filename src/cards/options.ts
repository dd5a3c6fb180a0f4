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

/**
 * Region and script tags that name one of LANGS (BCP 47 tags compare
 * case-insensitively, RFC 5646 §2.1.1): Taiwan → zh-Hant, Macau → zh-HK
 * (Hong Kong forms), mainland China and Singapore → zh-Hans. Keys are lowercase.
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
};

/** The script a tag names, in any case or as a region alias (see LANG_ALIASES); undefined when none. */
export function canonicalLang(tag: string): Lang | undefined {
  return LANG_ALIASES[tag.toLowerCase()];
}

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
