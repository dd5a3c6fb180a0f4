import { cardHash, normaliseOptions } from '../cards/identity.ts';
import type { Format, Lang } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import { cardQuery } from './params.ts';
import type { CardOptions } from '../cards/render.ts';

/** `/cards/<id>.<format>?…`, defaults left out: the query-string form of a card's URL. */
export function cardPath(id: string, format: Format, options: Partial<CardOptions>, quoteLang?: Lang): string {
  return `/cards/${id}.${format}${cardQuery(options, quoteLang)}`;
}

/** How many hex digits of the card hash a content-addressed URL carries (48 bits). */
export const ADDRESS_HASH_LENGTH = 12;

/**
 * A card's content-addressed path, the URL every page, oEmbed and the API link
 * to: `/cards/<id>/<template>.<size>.<lang>.<theme>[.x<scale>][.w<width>].<hash>.<format>`,
 * every option spelled out (scale only when not 1, width only when set) and
 * the first ADDRESS_HASH_LENGTH hex digits of the card hash (cardHash: quote,
 * options, format, render version). A path names exactly one image, so it is
 * served immutable; a changed quote, template or renderer gives a new path.
 */
export async function cardUrl(quote: Quote, options: Partial<CardOptions>, format: Format = 'png'): Promise<string> {
  // The language's default is the quote's (see defaultLang).
  const normal = normaliseOptions(options, quote.lang);
  return `/cards/${quote.id}/${addressStem(normal)}.${await addressHash(quote, normal, format)}.${format}`;
}

/** The options part of a content-addressed file name: `<template>.<size>.<lang>.<theme>[.x<scale>][.w<width>]`. */
export function addressStem({ template, size, lang, theme, scale, width }: CardOptions): string {
  return [template, size, lang, theme, ...(scale === 1 ? [] : [`x${scale}`]), ...(width === undefined ? [] : [`w${width}`])].join('.');
}

/** The short hash a content-addressed URL carries: the card hash's first ADDRESS_HASH_LENGTH hex digits. */
export async function addressHash(quote: Quote, options: CardOptions, format: Format): Promise<string> {
  return (await cardHash(quote, options, format)).slice(0, ADDRESS_HASH_LENGTH);
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

/** The gallery's path for a script: `/`, or `/?lang=…` for another than the default. */
export function galleryPath(lang: Lang): string {
  return `/${cardQuery({ lang })}`;
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
