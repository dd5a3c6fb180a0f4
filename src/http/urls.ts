import type { Format, Lang } from '../cards/options.ts';
import { cardQuery } from './params.ts';
import type { CardOptions } from '../cards/render.ts';

/** `/cards/<id>.<format>?…`, defaults left out (the card's canonical path; `quoteLang` as for cardQuery). */
export function cardPath(id: string, format: Format, options: Partial<CardOptions>, quoteLang?: Lang): string {
  return `/cards/${id}.${format}${cardQuery(options, quoteLang)}`;
}

/** `/q/<id>?…`, the share page's canonical path. */
export function sharePath(id: string, options: Partial<CardOptions>, quoteLang?: Lang): string {
  return `/q/${id}${cardQuery(options, quoteLang)}`;
}

/** `/oembed?url=…&format=json` for a page URL. */
export function oembedPath(pageUrl: string): string {
  return `/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' })}`;
}

/** A file name for a downloaded card: the id, then the options that differ from the defaults. */
export function downloadName(id: string, options: Partial<CardOptions>, quoteLang?: Lang): string {
  const parts = [...new URLSearchParams(cardQuery(options, quoteLang)).values()];
  return `${[id, ...parts].join('-')}.png`;
}

/** The BCP 47 tag for `<html lang>`: script and region, so browsers pick matching glyph forms. */
export const HTML_LANG: Record<Lang, string> = {
  'zh-Hant': 'zh-Hant-TW',
  'zh-HK': 'zh-Hant-HK',
  'zh-Hans': 'zh-Hans-CN',
  ja: 'ja',
  ko: 'ko',
  en: 'en',
};

/** og:locale for each language (Open Graph's language_TERRITORY). */
export const OG_LOCALE: Record<Lang, string> = {
  'zh-Hant': 'zh_TW',
  'zh-HK': 'zh_HK',
  'zh-Hans': 'zh_CN',
  ja: 'ja_JP',
  ko: 'ko_KR',
  en: 'en_US',
};

/** How each language is named in the picker, in its own script. */
export const LANG_LABEL: Record<Lang, string> = {
  'zh-Hant': '繁體中文（台灣）',
  'zh-HK': '繁體中文（香港）',
  'zh-Hans': '简体中文',
  ja: '日本語',
  ko: '한국어',
  en: 'English',
};
