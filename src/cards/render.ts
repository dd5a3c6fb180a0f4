import { attributionBox, englishBox, quoteBox } from '../../templates/hierarchy.ts';
import { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import { attributionSeparator, localizeQuote } from './localize.ts';
import { familyName } from './fonts.ts';
import { createFontLibrary, type FontSources, type SatoriFont } from './font-library.ts';
import { withFontPieces } from './font-pieces.ts';
import { createFitIndex, type CardKind } from './fit-index.ts';
import {
  DEFAULTS,
  LANGS,
  SIZES,
  THEMES,
  renditionHeight,
  scriptOf,
  type Canvas,
  type Lang,
  type Scale,
  type Script,
  type SizeName,
  type ThemeName,
} from './options.ts';
import type { Quote } from './quotes.ts';
import { ApiError } from './errors.ts';
import { faceOf, type CardData, type Element, type TextBox } from './template.ts';
import { attributionFits, setAttribution } from '../typeset/attribution.ts';
import { TextDoesNotFitError, linesAtSmallest, typeset, type Direction, type Layout } from '../typeset/fit.ts';
import type { Metrics } from '../typeset/metrics.ts';

export type { SatoriFont };

/** What a request chooses about a card; every field has a default (see DEFAULTS). */
export interface CardOptions {
  template: TemplateName;
  size: SizeName;
  lang: Lang;
  theme: ThemeName;
  scale: Scale;
  /**
   * A PNG's width in px, one of the size's widths (widthsOf), instead of its
   * own width × scale; the height follows (renditionHeight). Unset: size × scale.
   */
  width?: number;
}

/** The pieces that differ between Node and Workers, passed in by each entry point (fonts and emoji: see FontSources). */
export interface Platform extends FontSources {
  /** satori, ready to use (on Workers, after its yoga wasm is initialised). */
  satori(element: Element, options: { width: number; height: number; fonts: SatoriFont[] }): Promise<string>;
  /** Rasterises an SVG at `width` pixels wide into a PNG. */
  svgToPng(svg: string, width: number): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * The one render path: quote → text in the requested script → typeset lines
 * at the fitted size → template element tree → SVG (satori) → PNG (resvg).
 */
export function createRenderer(platform: Platform) {
  // Fonts are read and parsed once per process; satori caches its own parse per
  // fonts array, so the library keeps the same arrays for its whole life.
  const fonts = createFontLibrary(platform);

  /**
   * The card's data before drawing: converted text, set in the template's box.
   * A text that cannot fit even at the smallest size is a 422 naming the quote,
   * template, size and language.
   */
  async function compose(quote: Quote, options: CardOptions): Promise<CardData> {
    const { canvas, template, face, script, text, speaker, source, texts, textMetrics, attributionMetrics } = await setting(quote, options);
    const pieces = await fonts.pieces(script, face, texts);
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
      speakerEn: quote.speaker.nameEn,
      sourceEn: quote.source.titleEn,
      lang: options.lang,
      canvas,
      theme: THEMES[options.theme],
      layout: withFontPieces(layout, pieces),
      attribution: withFontPieces(attribution, pieces),
      attributionEn: withFontPieces(
        englishAttribution(quote, englishBox(attributionIn, attribution.fontSize), attributionMetrics, template.direction),
        pieces,
      ),
      fonts: { sans: familyName('sans', script), kai: familyName('kai', script), serif: familyName('serif', script) },
      face,
    };
  }

  /** Reads and parses the default template's fonts for `lang`'s script now rather than at its first card. */
  async function preload(lang: Lang): Promise<void> {
    const template = TEMPLATES[DEFAULTS.template];
    await fonts.metrics(scriptOf(lang), template.face, template.weight, []);
    await fonts.satoriFonts(scriptOf(lang), template.face, []);
  }

  /** The card as SVG. A `signal` aborted by the time typesetting is done stops the render there (throws its reason). */
  async function svg(quote: Quote, options: CardOptions, signal?: AbortSignal): Promise<string> {
    const card = await compose(quote, options);
    signal?.throwIfAborted();
    const element = TEMPLATES[options.template].render(card);
    const texts = cardTexts(card.text, card.speaker, card.source, quote);
    return platform.satori(element, {
      ...card.canvas,
      fonts: await fonts.satoriFonts(scriptOf(options.lang), card.face, texts),
    });
  }

  /** The card as PNG (pngSize). A `signal` aborted before rasterising stops the render there (throws its reason). */
  async function png(quote: Quote, options: CardOptions, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    const image = await svg(quote, options, signal);
    signal?.throwIfAborted();
    return platform.svgToPng(image, pngSize(options).width);
  }

  /** How the card is set: what `/cards/:id.json` reports. Lengths are CSS px; `canvas` is the image size at `scale`. */
  async function report(quote: Quote, options: CardOptions) {
    const card = await compose(quote, options);
    const template = TEMPLATES[options.template];
    const box = quoteBox(template, card.canvas);
    return {
      id: quote.id,
      ...options,
      canvas: pngSize(options),
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

  /** What compose and fits share: the card's geometry, its texts in the card's script, and their metrics. */
  async function setting(quote: Quote, options: CardKind) {
    const canvas = SIZES[options.size];
    const template = TEMPLATES[options.template];
    const face = faceOf(template, options.lang);
    const script = scriptOf(options.lang);
    const { text, speaker, source } = localizeQuote(quote, options.lang);
    const texts = cardTexts(text, speaker, source, quote);
    const textMetrics = await fonts.metrics(script, face, template.weight, texts);
    const attributionMetrics = await fonts.metrics(script, face, 400, texts);
    return { canvas, template, face, script, text, speaker, source, texts, textMetrics, attributionMetrics };
  }

  /**
   * Whether compose would succeed: the text and the attribution broken at
   * the template's smallest sizes, and nothing more (a fraction of compose's work).
   */
  async function fits(quote: Quote, kind: CardKind): Promise<boolean> {
    const { canvas, template, script, text, speaker, source, textMetrics, attributionMetrics } = await setting(quote, kind);
    // The attribution's smallest size is the template's floor, whatever size the quote is set at (see hierarchy.ts).
    const set = { centreMarks: script === 'hant', locale: kind.lang };
    return (
      linesAtSmallest(text, quoteBox(template, canvas), textMetrics, template.direction, set) !== undefined &&
      attributionFits(
        [speaker, source],
        attributionSeparator(kind.lang),
        template.attributionBox(canvas),
        attributionMetrics,
        template.direction,
        set,
      )
    );
  }

  const fitIndex = createFitIndex(fits);

  return {
    compose,
    preload,
    report,
    svg,
    png,
    missingCharacters: fonts.missingCharacters,
    /** Whether a card can be set (remembered per quote): false means it answers 422 text_does_not_fit. */
    fits: fitIndex.fits,
    sizesThatFit: fitIndex.sizesThatFit,
    checkFit: fitIndex.check,
  };
}

export type Renderer = ReturnType<typeof createRenderer>;

/** What the HTTP app and the server need of a renderer: cards, reports and the fit check, wherever they are computed. */
export type CardRenderer = Pick<Renderer, 'svg' | 'png' | 'report' | 'checkFit' | 'sizesThatFit' | 'missingCharacters'>;

/** A PNG's size in px: the size × scale, or the rendition `width` with its height (renditionHeight). */
export function pngSize({ size, scale, width }: Pick<CardOptions, 'size' | 'scale' | 'width'>): Canvas {
  if (width !== undefined) return { width, height: renditionHeight(size, width) };
  return { width: SIZES[size].width * scale, height: SIZES[size].height * scale };
}

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

/** Every text a card draws: the quote and attribution in the card's script, and the English attribution. */
function cardTexts(text: string, speaker: string, source: string, quote: Quote): string[] {
  return [text, speaker, source, quote.speaker.nameEn ?? '', quote.source.titleEn ?? ''];
}
