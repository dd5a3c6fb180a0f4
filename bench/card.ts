/**
 * The one card every contender draws: the same quote, template, size, theme
 * and fonts. Written to a JSON file that the plain-JavaScript child processes
 * (@vercel/og, the cold floor) read, so they start without a TypeScript loader.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FONT_FILES, familyOf } from '../src/cards/fonts.ts';
import { readQuotesFile } from '../src/node/app.ts';
import type { CardOptions, createRenderer } from '../src/cards/render.ts';
import { scriptOf } from '../src/cards/options.ts';
import type { Child, Element } from '../src/cards/template.ts';
import { TEMPLATES } from '../templates/index.ts';

export const QUOTE_ID = 'ai-should-be-for-everyone';
export const OPTIONS: CardOptions = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'dark', scale: 1 };
export const CARD_PATH = `/cards/${QUOTE_ID}.png?theme=dark`;
export const CARD_FILE = fileURLToPath(new URL('card.tmp.json', import.meta.url));

export interface BenchCard {
  width: number;
  height: number;
  element: Element;
  svg: string;
  fonts: { name: string; file: string; weight: 400 | 700 }[];
}

/** Builds the reference card with this project's own compose + template, and writes it for the children. */
export async function writeBenchCard(renderer: ReturnType<typeof createRenderer>): Promise<BenchCard> {
  const quote = readQuotesFile().find((entry) => entry.id === QUOTE_ID)!;
  const card = await renderer.compose(quote, OPTIONS);
  // The fonts of the template's face (a subset and its supplement): what this project gives satori for this card.
  const face = TEMPLATES[OPTIONS.template].face;
  const fonts = FONT_FILES.filter((font) => font.script === scriptOf(OPTIONS.lang) && font.face === face).map((font) => ({
    name: familyOf(font),
    file: fileURLToPath(new URL(`../fonts/${font.file}`, import.meta.url)),
    weight: font.weight,
  }));
  const bench = { ...card.canvas, element: TEMPLATES[OPTIONS.template].render(card), svg: await renderer.svg(quote, OPTIONS), fonts };
  writeFileSync(CARD_FILE, JSON.stringify(bench));
  return bench;
}

/** The fonts as satori takes them (one array, kept, so satori parses them once). */
export function satoriFonts(card: BenchCard) {
  return card.fonts.map((font) => ({ name: font.name, weight: font.weight, style: 'normal' as const, data: readFileSync(font.file) }));
}

const UNITLESS = new Set(['lineHeight', 'fontWeight', 'flex', 'flexGrow', 'flexShrink', 'opacity', 'zIndex']);

/** The same element tree as an HTML page for a browser: satori's defaults (flex, border-box) made explicit. */
export function toHtml(card: BenchCard, fontUrl: (file: string) => string): string {
  const families = [...new Set(card.fonts.map((font) => font.name))];
  const faces = card.fonts
    .map((font) => `@font-face{font-family:'${font.name}';font-weight:${font.weight};src:url('${fontUrl(font.file)}')}`)
    .join('');
  const css = (style: Record<string, string | number | undefined> = {}) =>
    Object.entries(style)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const property = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
        if (key === 'fontFamily')
          return `font-family:${[value, ...families.filter((family) => family !== value)].map((f) => `'${f}'`).join(',')}`;
        return `${property}:${typeof value === 'number' && !UNITLESS.has(key) ? `${value}px` : value}`;
      })
      .join(';');
  const html = (child: Child | Child[]): string => {
    if (Array.isArray(child)) return child.map(html).join('');
    if (child === null || child === undefined || child === false) return '';
    if (typeof child === 'string') return child.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `<${child.type} style="${css(child.props.style)}">${html(child.props.children as Child | Child[])}</${child.type}>`;
  };
  return `<!doctype html><meta charset="utf-8"><style>${faces}*{box-sizing:border-box;margin:0}div{display:flex}body{width:${card.width}px;height:${card.height}px;overflow:hidden}</style><body>${html(card.element)}</body>`;
}
