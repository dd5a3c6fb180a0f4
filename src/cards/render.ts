import opentype from 'opentype.js';
import { attributionBox, englishBox, quoteBox } from '../../templates/hierarchy.ts';
import { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import { attributionSeparator, localizeQuote } from './localize.ts';
import { FONT_FILES, FALLBACK_SOURCES, familyName, familyOf, type Face } from './fonts.ts';
import { SIZES, cardLangs, THEMES, scriptOf, type Lang, type Scale, type Script, type SizeName, type ThemeName } from './options.ts';
import type { Quote } from './quotes.ts';
import { ApiError } from './errors.ts';
import { faceOf, type CardData, type Element, type TextBox } from './template.ts';
import { setAttribution } from '../typeset/attribution.ts';
import { TextDoesNotFitError, typeset, type Direction, type Layout } from '../typeset/fit.ts';
import { fontMetrics, type Metrics } from '../typeset/metrics.ts';

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
 * The one render path: quote → text in the requested script → typeset lines
 * at the fitted size → template element tree → SVG (satori) → PNG (resvg).
 */
export function createRenderer(platform: Platform) {
  // Fonts are read and parsed once per process; satori caches its own parse per
  // fonts array, so each script keeps the same arrays for its whole life.
  const subsets = new Map<Script, Promise<FontSet>>();
  const withFallback = new Map<Script, Promise<SatoriFont[]>>();
  const metrics = new Map<string, Metrics>();

  function subsetFonts(script: Script): Promise<FontSet> {
    let set = subsets.get(script);
    if (!set) {
      const files = FONT_FILES.filter((font) => font.script === script);
      set = Promise.all(
        files.map(async (font) => {
          const data = await platform.readFont(font.file);
          return { name: familyOf(font), data, weight: font.weight, style: 'normal' as const };
        }),
      ).then((fonts) => {
        // Parsed when first needed: a card reads the metrics and coverage of its template's face
        // only. lowMemory reads a glyph's outline when it is first asked for, not every glyph up front.
        const parsed: opentype.Font[] = [];
        const faces = new Map<Face, number[]>();
        files.forEach((font, index) => faces.set(font.face, [...(faces.get(font.face) ?? []), index]));
        return {
          fonts,
          byFace: new Map([...faces].map(([face, indexes]) => [face, { indexes, fonts: indexes.map((index) => fonts[index]!) }])),
          parsed: (index: number) => (parsed[index] ??= opentype.parse(fonts[index]!.data, { lowMemory: true })),
        };
      });
      subsets.set(script, set);
      // A font that failed to load (a Worker's asset fetch) is tried again by the next card, not kept failing.
      set.catch(() => subsets.delete(script));
    }
    return set;
  }

  /** The fonts satori needs for `text` in a template of `face`: that face's subsets, all subsets, or those plus the full fonts. */
  async function fontsFor(script: Script, face: Face, text: string): Promise<SatoriFont[]> {
    const subset = await subsetFonts(script);
    const chars = [...text];
    const coveredBy = (indexes: readonly number[]) => chars.every((char) => indexes.some((index) => covers(subset.parsed(index), char)));
    // The template's face alone when it has every glyph, so satori parses only those fonts;
    // otherwise every subset, as satori may then find a glyph in another face.
    const own = subset.byFace.get(face);
    if (own && coveredBy(own.indexes)) return own.fonts;
    const readFallback = platform.readFallbackFont;
    if (!readFallback || coveredBy(subset.fonts.map((_, index) => index))) return subset.fonts;
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

  /** Advance widths of the subset font a template sets its text in (parsed once, on first use). */
  async function metricsFor(script: Script, face: Face, weight: 400 | 700): Promise<Metrics> {
    const key = `${script}-${face}-${weight}`;
    let found = metrics.get(key);
    if (!found) {
      const set = await subsetFonts(script);
      const index = FONT_FILES.filter((font) => font.script === script).findIndex(
        (font) => font.face === face && font.weight === weight && !font.supplements,
      );
      if (index < 0) throw new Error(`No ${face} font of weight ${weight} for ${script} in FONT_FILES`);
      found = fontMetrics(set.parsed(index));
      metrics.set(key, found);
    }
    return found;
  }

  /**
   * The card's data before drawing: converted text, set in the template's box.
   * A text that cannot fit even at the smallest size is a 422 naming the quote,
   * template, size and language.
   */
  async function compose(quote: Quote, options: CardOptions): Promise<CardData> {
    const canvas = SIZES[options.size];
    const template = TEMPLATES[options.template];
    const script = scriptOf(options.lang);
    const { text, speaker, source, speakerEn, sourceEn } = localizeQuote(quote, options.lang);
    const face = faceOf(template, options.lang);
    const textMetrics = await metricsFor(script, face, template.weight);
    const attributionMetrics = await metricsFor(script, face, 400);
    const where = `quote "${quote.id}" in template "${options.template}" at size "${options.size}" (${options.lang})`;
    const typesetOptions = { centreMarks: script === 'hant', locale: options.lang };
    const layout = orNotFit(
      () => typeset(text, quoteBox(template, canvas), textMetrics, template.direction, typesetOptions),
      `The text of ${where}`,
    );
    const attributionIn = attributionBox(template, canvas, layout.fontSize);
    const attribution = orNotFit(
      () =>
        setAttribution(
          [speaker, source],
          attributionSeparator(options.lang),
          attributionIn,
          attributionMetrics,
          template.direction,
          typesetOptions,
        ),
      `The attribution of ${where}`,
    );
    return {
      text,
      speaker,
      source,
      speakerEn,
      sourceEn,
      lang: options.lang,
      canvas,
      theme: THEMES[options.theme],
      layout,
      attribution,
      attributionEn: englishAttribution(quote, englishBox(attributionIn, attribution.fontSize), attributionMetrics, template.direction),
      fonts: { sans: familyName('sans', script), kai: familyName('kai', script), serif: familyName('serif', script) },
      face,
    };
  }

  async function svg(quote: Quote, options: CardOptions): Promise<string> {
    const card = await compose(quote, options);
    const element = TEMPLATES[options.template].render(card);
    const fonts = await fontsFor(
      scriptOf(options.lang),
      card.face,
      card.text + card.speaker + card.source + (card.speakerEn ?? '') + (card.sourceEn ?? ''),
    );
    return platform.satori(element, { ...card.canvas, fonts });
  }

  async function png(quote: Quote, options: CardOptions): Promise<Uint8Array<ArrayBuffer>> {
    return platform.svgToPng(await svg(quote, options), SIZES[options.size].width * options.scale);
  }

  /** How the card is set: what `/cards/:id.json` reports. Lengths are CSS px; `canvas` is the image size at `scale`. */
  async function report(quote: Quote, options: CardOptions) {
    const card = await compose(quote, options);
    const template = TEMPLATES[options.template];
    const box = quoteBox(template, card.canvas);
    return {
      id: quote.id,
      ...options,
      canvas: { width: card.canvas.width * options.scale, height: card.canvas.height * options.scale },
      box: { width: box.width, height: box.height },
      direction: card.layout.direction,
      fontSize: card.layout.fontSize,
      lineHeight: card.layout.lineHeight,
      fontSizeRange: { min: box.minFontSize, max: box.maxFontSize },
      text: card.text,
      lines: card.layout.lines.map((line) => line.text),
      lineLengths: card.layout.lines.map((line) => line.length),
      breaksInsideWords: card.layout.breaksInsideWords,
      attribution: { fontSize: card.attribution.fontSize, lines: card.attribution.lines.map((line) => line.text) },
    };
  }

  /**
   * Every way the given quotes can be set that does not fit (each size, each
   * language the quote comes in and each template that sets it); empty when all fit. Run at start-up so a quotes file
   * with a quote too long for some card is refused whole.
   */
  async function checkFit(quotes: readonly Quote[]): Promise<string[]> {
    const problems: string[] = [];
    for (const quote of quotes) {
      for (const template of TEMPLATE_NAMES) {
        for (const size of Object.keys(SIZES) as SizeName[]) {
          for (const lang of cardLangs(quote.lang)) {
            if (!TEMPLATES[template].langs.includes(lang)) continue;
            try {
              await compose(quote, { template, size, lang, theme: 'light', scale: 1 });
            } catch (error) {
              if (!(error instanceof ApiError) || error.code !== 'text_does_not_fit') throw error;
              problems.push(error.message);
            }
          }
        }
      }
    }
    return problems;
  }

  return { compose, report, svg, png, checkFit };
}

export type Renderer = ReturnType<typeof createRenderer>;

/** Runs a typesetting step, turning TextDoesNotFitError into a 422 that says what did not fit where. */
function orNotFit<T>(set: () => T, what: string): T {
  try {
    return set();
  } catch (error) {
    if (!(error instanceof TextDoesNotFitError)) throw error;
    throw new ApiError(
      422,
      'text_does_not_fit',
      `${what} does not fit even at the smallest font size, ${error.fontSize}px: it ${error.message}.`,
    );
  }
}

/** The English attribution, set smaller than the Chinese one; left out when it does not fit. */
function englishAttribution(quote: Quote, box: TextBox | undefined, metrics: Metrics, direction: Direction): Layout | undefined {
  if (!quote.speaker.nameEn || !box || direction === 'vertical') return undefined;
  try {
    return setAttribution([quote.speaker.nameEn, quote.source.titleEn ?? ''], ' · ', box, metrics, direction, { locale: 'en' });
  } catch (error) {
    if (error instanceof TextDoesNotFitError) return undefined;
    throw error;
  }
}

interface FontSet {
  fonts: SatoriFont[];
  /** The fonts of each face (a subset and its supplements), kept as the same arrays so satori parses each once; their indexes in `fonts`. */
  byFace: ReadonlyMap<Face, { indexes: number[]; fonts: SatoriFont[] }>;
  /** The font at `index` of `fonts`, parsed by opentype.js on first use and kept. */
  parsed(index: number): opentype.Font;
}

const WHITESPACE = /\s/;
function covers(font: opentype.Font, char: string): boolean {
  return WHITESPACE.test(char) || font.charToGlyphIndex(char) > 0;
}
