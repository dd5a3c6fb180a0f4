import type { Canvas } from '../src/cards/options.ts';
import type { Template, TextBox } from '../src/cards/template.ts';

/**
 * The type hierarchy of every card: the quote, then the attribution clearly
 * smaller, then its English line smaller again. A template declares the
 * attribution's range; its minimum is the legibility floor, and the quote's
 * range is narrowed (never the rule broken) so that the floor is always at
 * most ATTRIBUTION_SHARE of the quote's size.
 */

/** The attribution's size is at most this share of the quote's. */
export const ATTRIBUTION_SHARE = 0.6;

/** The English attribution's size is at most this share of the Chinese one's. */
export const ENGLISH_SHARE = 0.8;

/** The quote's box: the template's, with its smallest size raised to floor ÷ ATTRIBUTION_SHARE (px). */
export function quoteBox(template: Template, canvas: Canvas): TextBox {
  const box = template.textBox(canvas);
  const floor = template.attributionBox(canvas).minFontSize;
  return { ...box, minFontSize: Math.max(box.minFontSize, Math.ceil(floor / ATTRIBUTION_SHARE)) };
}

/** The attribution's box once the quote is set at `quoteFontSize` px: at most ATTRIBUTION_SHARE of it, never below the floor. */
export function attributionBox(template: Template, canvas: Canvas, quoteFontSize: number): TextBox {
  const box = template.attributionBox(canvas);
  return { ...box, maxFontSize: Math.max(box.minFontSize, Math.min(box.maxFontSize, Math.floor(quoteFontSize * ATTRIBUTION_SHARE))) };
}

/**
 * The English attribution's box once the Chinese one is set at
 * `attributionFontSize` px: at most ENGLISH_SHARE of it and 0.7 of the
 * template's largest attribution, at least the floor. Undefined when that
 * leaves no size (the English line is then left out).
 */
export function englishBox(box: TextBox, attributionFontSize: number): TextBox | undefined {
  const maxFontSize = Math.min(Math.round(box.maxFontSize * 0.7), Math.floor(attributionFontSize * ENGLISH_SHARE));
  return maxFontSize < box.minFontSize ? undefined : { ...box, maxFontSize };
}
