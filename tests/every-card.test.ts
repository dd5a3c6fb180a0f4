import { describe, expect, it } from 'vitest';
import { readQuotesFile } from '../src/node/app.ts';
import { CHINESE_LANGS, SIZES, type SizeName } from '../src/cards/options.ts';
import { computeRenderVersion } from '../scripts/render-version.ts';
import { RENDER_VERSION } from '../src/cards/render-version.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { parseSvg, renderer } from './helpers.ts';

const quotes = readQuotesFile();

describe('every bundled quote', () => {
  // SVG covers layout and text for the whole cross product; PNG rasterising is covered per size elsewhere.
  it.each(CHINESE_LANGS)('renders in %s in every template and size', async (lang) => {
    let rendered = 0;
    for (const quote of quotes) {
      for (const template of TEMPLATE_NAMES) {
        for (const size of Object.keys(SIZES) as SizeName[]) {
          const svg = parseSvg(await renderer.svg(quote, { template, size, lang, theme: 'light', scale: 1 }));
          expect(svg.viewBox, `${quote.id} ${template} ${size}`).toBe(`0 0 ${SIZES[size].width} ${SIZES[size].height}`);
          rendered++;
        }
      }
    }
    expect(rendered).toBe(quotes.length * TEMPLATE_NAMES.length * Object.keys(SIZES).length);
  });
});

describe('RENDER_VERSION', () => {
  it('matches the templates, fonts and renderer in this checkout (run `npm run render-version` after changing them)', async () => {
    expect(RENDER_VERSION).toBe(await computeRenderVersion());
  });
});
