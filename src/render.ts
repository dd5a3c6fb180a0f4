import opentype from 'opentype.js';
import { TEMPLATES, type TemplateName } from '../templates/index.ts';
import { convertText } from './convert.ts';
import { FONT_FILES, FALLBACK_SOURCES, familyName, familyOf } from './fonts.ts';
import { SIZES, THEMES, scriptOf, type Lang, type Scale, type Script, type SizeName, type ThemeName } from './options.ts';
import type { Quote } from './quotes.ts';
import type { CardData, Element } from './template.ts';
import { fitFontSize } from './typeset/fit.ts';

/** What a request chooses about a card; every field has a default (see DEFAULTS). */
export interface CardOptions {
  template: TemplateName;
  size: SizeName;
  lang: Lang;
  theme: ThemeName;
  scale: Scale;
}

/** A font as satori takes it. */
export interface SatoriFont {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: 'normal';
}

/** The pieces that differ between Node and Workers, passed in by each entry point. */
export interface Platform {
  /** satori, ready to use (on Workers, after its yoga wasm is initialised). */
  satori(element: Element, options: { width: number; height: number; fonts: SatoriFont[] }): Promise<string>;
  /** Rasterises an SVG at `width` pixels wide into a PNG. */
  svgToPng(svg: string, width: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Reads a subset font shipped in fonts/. */
  readFont(file: string): Promise<ArrayBuffer>;
  /** Reads a full font from an installed package, or returns undefined where there is none. */
  readFallbackFont?(source: string): Promise<ArrayBuffer | undefined>;
}

/**
 * The one render path: quote → text in the requested script → fitted type
 * size → template element tree → SVG (satori) → PNG (resvg).
 */
export function createRenderer(platform: Platform) {
  // Fonts are read and parsed once per process; satori caches its own parse per
  // fonts array, so each script keeps the same arrays for its whole life.
  const subsets = new Map<Script, Promise<FontSet>>();
  const withFallback = new Map<Script, Promise<SatoriFont[]>>();

  function subsetFonts(script: Script): Promise<FontSet> {
    let set = subsets.get(script);
    if (!set) {
      set = Promise.all(
        FONT_FILES.filter((font) => font.script === script).map(async (font) => {
          const data = await platform.readFont(font.file);
          return { satori: { name: familyOf(font), data, weight: font.weight, style: 'normal' as const }, parsed: opentype.parse(data) };
        }),
      ).then((loaded) => ({ fonts: loaded.map((font) => font.satori), parsed: loaded.map((font) => font.parsed) }));
      subsets.set(script, set);
    }
    return set;
  }

  /** The subsets, plus the full fonts when `text` has characters the subsets lack. */
  async function fontsFor(script: Script, text: string): Promise<SatoriFont[]> {
    const subset = await subsetFonts(script);
    const readFallback = platform.readFallbackFont;
    if (!readFallback || [...text].every((char) => subset.parsed.some((font) => covers(font, char)))) return subset.fonts;
    let fonts = withFallback.get(script);
    if (!fonts) {
      fonts = Promise.all(FALLBACK_SOURCES[script].map((source) => readFallback(source))).then((datas) => [
        ...subset.fonts,
        ...datas.flatMap((data, index) =>
          data ? [{ name: `fallback-${script}-${index}`, data, weight: 400 as const, style: 'normal' as const }] : [],
        ),
      ]);
      withFallback.set(script, fonts);
    }
    return fonts;
  }

  /** The card's data before drawing: converted text and the fitted size. */
  function compose(quote: Quote, options: CardOptions): CardData {
    const canvas = SIZES[options.size];
    const template = TEMPLATES[options.template];
    const text = convertText(quote.text, quote.lang, options.lang);
    return {
      text,
      speaker: convertText(quote.speaker.name, quote.lang, options.lang),
      source: convertText(quote.source.title, quote.lang, options.lang),
      speakerEn: quote.speaker.nameEn,
      sourceEn: quote.source.titleEn,
      lang: options.lang,
      canvas,
      theme: THEMES[options.theme],
      fontSize: fitFontSize(text, template.textBox(canvas)),
      fonts: { sans: familyName('sans', scriptOf(options.lang)), kai: familyName('kai', scriptOf(options.lang)) },
    };
  }

  async function svg(quote: Quote, options: CardOptions): Promise<string> {
    const card = compose(quote, options);
    const element = TEMPLATES[options.template].render(card);
    const fonts = await fontsFor(scriptOf(options.lang), card.text + card.speaker + card.source);
    return platform.satori(element, { ...card.canvas, fonts });
  }

  async function png(quote: Quote, options: CardOptions): Promise<Uint8Array<ArrayBuffer>> {
    return platform.svgToPng(await svg(quote, options), SIZES[options.size].width * options.scale);
  }

  /** How the card is set: what `/cards/:id.json` reports. */
  function report(quote: Quote, options: CardOptions) {
    const card = compose(quote, options);
    const box = TEMPLATES[options.template].textBox(card.canvas);
    return {
      id: quote.id,
      ...options,
      canvas: { width: card.canvas.width * options.scale, height: card.canvas.height * options.scale },
      box: { width: box.width, height: box.height },
      fontSize: card.fontSize,
      lineHeight: box.lineHeight,
      text: card.text,
    };
  }

  return { compose, report, svg, png };
}

export type Renderer = ReturnType<typeof createRenderer>;

interface FontSet {
  fonts: SatoriFont[];
  parsed: opentype.Font[];
}

const WHITESPACE = /\s/;
function covers(font: opentype.Font, char: string): boolean {
  return WHITESPACE.test(char) || font.charToGlyphIndex(char) > 0;
}
