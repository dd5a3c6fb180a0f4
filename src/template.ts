import type { Canvas, Lang, Theme } from './options.ts';

/** A satori element: the shape React elements have, without React. */
export interface Element {
  type: string;
  props: { style?: Style; children?: Child | Child[]; [name: string]: unknown };
}
export type Child = Element | string | null | undefined | false;
export type Style = Record<string, string | number | undefined>;

/** Where a template sets the quote, and the type sizes it allows there. */
export interface TextBox {
  width: number;
  height: number;
  minFontSize: number;
  maxFontSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
}

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
  /** The size chosen for the quote so that it fits the template's text box. */
  fontSize: number;
  /** satori font-family names for this card's script. */
  fonts: { sans: string; kai: string };
}

/** A card design: a plain function from card data to an element tree, plus its geometry. */
export interface Template {
  name: string;
  description: string;
  textBox(canvas: Canvas): TextBox;
  render(card: CardData): Element;
}
