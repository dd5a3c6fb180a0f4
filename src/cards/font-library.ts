import opentype from 'opentype.js';
import { FONT_FILES, FULL_FONTS, familyName, familyOf, type Face } from './fonts.ts';
import type { Script } from './options.ts';
import { codePointName } from './scripts.ts';
import { emojiName, graphemes, isEmoji, isZeroWidth, layoutText } from '../typeset/graphemes.ts';
import { fontMetrics, type Metrics } from '../typeset/metrics.ts';
import type { FontPiece } from '../typeset/fit.ts';

/** A font as satori takes it. */
export interface SatoriFont {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: 'normal';
}

/** Where fonts and emoji come from: the platform pieces the library needs. */
export interface FontSources {
  /** Reads a subset font shipped in fonts/. */
  readFont(file: string): Promise<ArrayBuffer>;
  /** Reads a full font from an installed package, or returns undefined where there is none. */
  readFallbackFont?(source: string): Promise<ArrayBuffer | undefined>;
  /** The Twemoji SVG of an emoji (its file name without `.svg`, such as `1f468-200d-1f469-200d-1f467`), or undefined. */
  readEmoji?(name: string): Promise<string | undefined>;
}

interface LoadedFont {
  family: string;
  face: Face;
  script?: Script;
  /** A subset in fonts/ (else a full font), and the subset it supplements. */
  subset: boolean;
  supplement: boolean;
  weight: 400 | 700;
  satori: SatoriFont;
  /** The font parsed by opentype.js on first use (lowMemory: a glyph's outline is read when first asked for). */
  readonly parsed: opentype.Font;
  /** Every code point the font's character map (cmap) maps to a glyph; read with `parsed`. */
  readonly codePoints: ReadonlySet<number>;
}

/** The Chinese scripts, whose full fonts stand in for one another (Traditional text may need Noto Sans CJK SC). */
const HAN: ReadonlySet<Script> = new Set(['hant', 'hans']);

/** Drawn without a glyph of their own: spaces, line breaks, ZWSP and WORD JOINER. */
const NEEDS_NO_GLYPH = /^[\s\u200b\u2060]$/u;

/**
 * The fonts a card is drawn with, chosen per character: the template's
 * subset (and its supplement), the full font of the same face, the other
 * subsets of the script, then the remaining full fonts (same script first).
 * Emoji are Twemoji images. Everything is read and parsed once, lazily: a
 * card whose text the template's face covers parses that face's fonts only,
 * and the full fonts are read only when a text needs a character the subsets
 * lack. A read that fails (a Worker's asset fetch) is tried again by the next
 * card, not kept failing.
 */
export function createFontLibrary(sources: FontSources) {
  const subsets = new Map<Script, Promise<LoadedFont[]>>();
  let full: Promise<LoadedFont[]> | undefined;
  const satoriFonts = new Map<string, SatoriFont[]>();
  const metrics = new Map<string, Metrics>();
  const emojiImages = new Map<string, Promise<string | undefined>>();

  function subsetFonts(script: Script): Promise<LoadedFont[]> {
    let found = subsets.get(script);
    if (!found) {
      found = Promise.all(
        FONT_FILES.filter((file) => file.script === script).map(async (file) => {
          const data = await sources.readFont(file.file);
          return load(familyOf(file), file.face, file.script, true, !!file.supplements, file.weight, data);
        }),
      );
      subsets.set(script, found);
      found.catch(() => subsets.delete(script));
    }
    return found;
  }

  function fullFonts(): Promise<LoadedFont[]> {
    const read = sources.readFallbackFont;
    full ??= Promise.all(
      FULL_FONTS.map(async (font) => {
        const data = read ? await read(font.source) : undefined;
        return data ? [load(font.family, font.face, font.script, false, false, 400, data)] : [];
      }),
    ).then((loaded) => loaded.flat());
    full.catch(() => (full = undefined));
    return full;
  }

  /** Which fonts `texts` need: the template face's subsets alone, every subset of the script, or those plus the full fonts. */
  type Reach = 'face' | 'subsets' | 'full';
  const reaches = new Map<string, Reach>();
  /** How far `texts` reach (emoji and invisible characters aside); remembered for recent texts. */
  async function reachOf(script: Script, face: Face, texts: readonly string[]): Promise<Reach> {
    const fonts = await subsetFonts(script);
    const key = `${script}\u0000${face}\u0000${texts.join('\u0001')}`;
    let found = reaches.get(key);
    if (found === undefined) {
      const laidOut = texts.map(layoutText);
      const own = fonts.filter((font) => font.face === face);
      found = laidOut.every((text) => drawable(text, own)) ? 'face' : laidOut.every((text) => drawable(text, fonts)) ? 'subsets' : 'full';
      if (reaches.size >= 256) reaches.clear();
      reaches.set(key, found);
    }
    return found;
  }

  /** The fonts that may draw `texts`, in the order characters look for a font (see above). */
  async function chain(script: Script, face: Face, texts: readonly string[]): Promise<LoadedFont[]> {
    const reach = await reachOf(script, face, texts);
    const subset = await subsetFonts(script);
    const fonts = reach === 'face' ? subset.filter((font) => font.face === face) : [...subset];
    if (reach === 'full') fonts.push(...(await fullFonts()));
    // A full font of an unrelated script (Japanese, Korean or Latin forms for a Chinese card) comes after every other.
    const rank = (font: LoadedFont) =>
      font.subset || font.script === undefined || font.script === script || (HAN.has(font.script) && HAN.has(script))
        ? (font.face === face ? 0 : 4) +
          (font.subset ? (font.supplement ? 1 : 0) : font.script === undefined || font.script === script ? 2 : 3)
        : 8;
    return fonts.sort((a, b) => rank(a) - rank(b));
  }

  return {
    /**
     * The fonts satori gets for a card of `script` in a template of `face`
     * showing `texts`: that face's subsets when they cover the text, else
     * every subset, plus every full font when the subsets lack a character.
     * The same array is returned each time, so satori parses each set once.
     */
    async satoriFonts(script: Script, face: Face, texts: readonly string[]): Promise<SatoriFont[]> {
      const reach = await reachOf(script, face, texts);
      const key = reach === 'face' ? `${script}-${face}` : `${script}-${reach}`;
      let fonts = satoriFonts.get(key);
      if (!fonts) {
        const subset = await subsetFonts(script);
        const loaded =
          reach === 'face' ? subset.filter((font) => font.face === face) : [...subset, ...(reach === 'full' ? await fullFonts() : [])];
        fonts = loaded.map((font) => font.satori);
        satoriFonts.set(key, fonts);
      }
      return fonts;
    },

    /** Advance widths for text set in the template's face: each grapheme measured in the font that draws it. */
    async metrics(script: Script, face: Face, weight: 400 | 700, texts: readonly string[]): Promise<Metrics> {
      const fonts = await chain(script, face, texts);
      const main = fonts.find((font) => font.subset && !font.supplement && font.face === face && font.weight === weight);
      if (!main) throw new Error(`No ${face} font of weight ${weight} for ${script} in FONT_FILES`);
      const key = `${face}-${weight}-${fonts.map((font) => `${font.family}-${font.weight}`).join()}`;
      let found = metrics.get(key);
      if (!found) {
        found = fontMetrics(
          main.parsed,
          fonts.filter((font) => font !== main).map((font) => font.parsed),
        );
        metrics.set(key, found);
      }
      return found;
    },

    /**
     * Cuts drawn text into pieces by what draws them: each emoji alone, as
     * its Twemoji image (a `data:image/svg+xml;base64,…` URL); other text by
     * the first font of the chain that has it, `family` absent for the
     * template's own. Throws when nothing can draw a grapheme: entry checks
     * (missingCharacters) keep such text out.
     */
    async pieces(script: Script, face: Face, texts: readonly string[]): Promise<(text: string) => FontPiece[]> {
      const fonts = await chain(script, face, texts);
      const own = familyName(face, script);
      const images = new Map<string, string | undefined>();
      for (const grapheme of new Set(texts.flatMap((text) => graphemes(layoutText(text))))) {
        if (isEmoji(grapheme)) images.set(grapheme, await emojiImage(grapheme));
      }
      const nothingDraws = (grapheme: string) =>
        new Error(
          `Nothing draws ${JSON.stringify(grapheme)} (${[...grapheme].map(codePointName).join(' ')}): no font or emoji image has it`,
        );
      const familyOf = (grapheme: string): string | undefined => {
        if (NEEDS_NO_GLYPH.test(grapheme)) return undefined;
        const font = fonts.find((each) => covers(each, grapheme));
        if (!font) throw nothingDraws(grapheme);
        return font.family === own ? undefined : font.family;
      };
      return (text) => {
        const pieces: FontPiece[] = [];
        for (const grapheme of graphemes(text)) {
          if (isEmoji(grapheme)) {
            const image = images.get(grapheme);
            if (!image) throw nothingDraws(grapheme);
            pieces.push({ text: grapheme, image });
            continue;
          }
          const family = familyOf(grapheme);
          const last = pieces.at(-1);
          if (last && !last.image && last.family === family) last.text += grapheme;
          else pieces.push(family ? { text: grapheme, family } : { text: grapheme });
        }
        return pieces;
      };
    },

    /**
     * The graphemes of `text` that nothing can draw, each once, as
     * `"𠮷" (U+20BB7)`: no font of any script has the character, or no
     * Twemoji image the emoji. Invisible characters are dropped first (see
     * graphemes.ts), so they are never missing.
     */
    async missingCharacters(text: string): Promise<string[]> {
      const subsetsOnly = [...(await subsetFonts('hant')), ...(await subsetFonts('hans'))];
      let fonts: LoadedFont[] | undefined;
      const missing = new Set<string>();
      for (const grapheme of graphemes(layoutText(text))) {
        if (isEmoji(grapheme)) {
          if (!(await emojiImage(grapheme))) missing.add(grapheme);
        } else if (!drawable(grapheme, subsetsOnly)) {
          fonts ??= [...subsetsOnly, ...(await fullFonts())];
          if (!drawable(grapheme, fonts)) missing.add(grapheme);
        }
      }
      return [...missing].map((grapheme) => `"${grapheme}" (${[...grapheme].map(codePointName).join(' ')})`);
    },
  };

  function emojiImage(grapheme: string): Promise<string | undefined> {
    let image = emojiImages.get(grapheme);
    if (!image) {
      const name = emojiName(grapheme);
      const read = sources.readEmoji;
      image = name && read ? read(name).then((svg) => (svg === undefined ? undefined : svgDataUrl(svg))) : Promise.resolve(undefined);
      emojiImages.set(grapheme, image);
    }
    return image;
  }
}

export type FontLibrary = ReturnType<typeof createFontLibrary>;

function load(
  family: string,
  face: Face,
  script: Script | undefined,
  subset: boolean,
  supplement: boolean,
  weight: 400 | 700,
  data: ArrayBuffer,
): LoadedFont {
  let parsed: opentype.Font | undefined;
  let codePoints: Set<number> | undefined;
  return {
    family,
    face,
    script,
    subset,
    supplement,
    weight,
    satori: { name: family, data, weight, style: 'normal' },
    get parsed() {
      return (parsed ??= opentype.parse(data, { lowMemory: true }));
    },
    get codePoints() {
      if (!codePoints) {
        const glyphs = (this.parsed.tables as { cmap?: { glyphIndexMap?: Record<string, number> } }).cmap?.glyphIndexMap ?? {};
        codePoints = new Set();
        for (const [code, glyph] of Object.entries(glyphs)) if (glyph > 0) codePoints.add(Number(code));
      }
      return codePoints;
    },
  };
}

/** Whether the font has every code point of a (non-emoji) grapheme. */
function covers(font: LoadedFont, grapheme: string): boolean {
  for (const char of grapheme) if (!font.codePoints.has(char.codePointAt(0)!)) return false;
  return true;
}

/** Whether every grapheme of laid-out text is an emoji, needs no glyph, or is covered by one of the fonts. */
function drawable(text: string, fonts: readonly LoadedFont[]): boolean {
  for (const grapheme of graphemes(text)) {
    if (NEEDS_NO_GLYPH.test(grapheme) || isZeroWidth(grapheme) || isEmoji(grapheme)) continue;
    if (!fonts.some((font) => covers(font, grapheme))) return false;
  }
  return true;
}

function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
