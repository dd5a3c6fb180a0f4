import type { Face } from './fonts.ts';
import type { Canvas, Lang, Theme } from './options.ts';
import type { Direction, Layout, TextBox } from '../typeset/fit.ts';

export type { TextBox };

/** A satori element: the shape React elements have, without React. */
export interface Element {
  type: string;
  props: { style?: Style; children?: Child | Child[]; [name: string]: unknown };
}
export type Child = Element | string | null | undefined | false;
export type Style = Record<string, string | number | undefined>;

/** Everything a template needs to draw one card; all text is already in the card's script. */
export interface CardData {
  text: string;
  /** The speaker's name and the source, in the card's script. */
  speaker: string;
  source: string;
  speakerEn?: string;
  sourceEn?: string;
  lang: Lang;
  canvas: Canvas;
  theme: Theme;
  /** The quote as set in the template's text box: font size and lines (or columns). */
  layout: Layout;
  /** The attribution (speaker and source), on one line or two at the separator, never inside a name. */
  attribution: Layout;
  /** The attribution in English, set smaller; absent when there is none or it does not fit. */
  attributionEn?: Layout;
  /** satori font-family names for this card's script. */
  fonts: Record<Face, string>;
  /** The face the text is set in (see faceOf). */
  face: Face;
}

/** The face a template sets `lang` in: its own, or the one it names for that language. */
export function faceOf(template: Pick<Template, 'face' | 'faces'>, lang: Lang): Face {
  return template.faces?.[lang] ?? template.face;
}

/** A card design: a plain function from card data to an element tree, plus its geometry. */
export interface Template {
  name: string;
  description: string;
  /** The face and weight the quote and attribution are set in (their advances decide the line breaks). */
  face: Face;
  /** Another face for some languages, where `face` has no font in their forms (vertical Japanese is set in sans). */
  faces?: Partial<Record<Lang, Face>>;
  weight: 400 | 700;
  /** Lines left to right, or columns right to left. */
  direction: Direction;
  /**
   * The languages the template sets properly, in its face's fonts (FONT_FILES)
   * and direction; a card in any other is refused with a 400 naming the
   * templates that set it (see cardOptionsFor).
   */
  langs: readonly Lang[];
  textBox(canvas: Canvas): TextBox;
  /** Where the attribution goes; its lines run in the template's direction. */
  attributionBox(canvas: Canvas): TextBox;
  render(card: CardData): Element;
}
