// The floor for a cold start: a fresh process that imports satori and resvg-js, reads the
// fonts, lays out the reference card and rasterises it once, with no server and no checks.
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';

const card = JSON.parse(readFileSync(new URL('card.tmp.json', import.meta.url), 'utf8'));
const fonts = card.fonts.map((font) => ({ name: font.name, weight: font.weight, style: 'normal', data: readFileSync(font.file) }));
const svg = await satori(card.element, { width: card.width, height: card.height, fonts });
const image = new Resvg(svg, { fitTo: { mode: 'width', value: card.width }, font: { loadSystemFonts: false } }).render();
process.stdout.write(`${image.pixels.length}\n`);
