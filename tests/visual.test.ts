import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { createNodeApp, readQuotesFile } from '../src/node/app.ts';
import { decodePng, getBytes } from './helpers.ts';

// Japanese, Korean and English quotes live in the test fixture, not the bundled file.
const languages = createNodeApp(readQuotesFile(new URL('./fixtures/quotes-languages.json', import.meta.url)), { threads: 1 }).app;
async function fixtureBytes(path: string): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await languages.request(path);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

// Each template's card of one quote, compared with a committed reference image.
// `npm run references` rewrites the references on purpose, after a deliberate change.
const REFERENCES = new URL('./references/', import.meta.url);
const UPDATE = process.env.UPDATE_REFERENCES === '1';
/** A pixel differs when a channel is off by more than this (anti-aliasing noise stays below). */
const CHANNEL_THRESHOLD = 40;
/** The share of differing pixels a card may have. */
const MAX_DIFFERING = 0.005;

const CASES: { name: string; id?: string; query: string; fixture?: boolean }[] = [
  ...TEMPLATE_NAMES.map((template) => ({ name: `${template}-og`, query: `template=${template}&size=og` })),
  { name: 'vertical-story', query: 'template=vertical&size=story' },
  { name: 'kai-square-hans-dark', query: 'template=kai&size=square&lang=zh-Hans&theme=dark' },
  { name: 'ming-square-hans-dark', query: 'template=ming&size=square&lang=zh-Hans&theme=dark' },
  { name: 'ming-story-hk', query: 'template=ming&size=story&lang=zh-HK' },
  // Quotation marks: LXGW WenKai's proportional “ ”, and vertical corner brackets for zh-Hans.
  { name: 'kai-og-hans-quotation-marks', id: 'avoid-extreme-rich-poor-gap', query: 'template=kai&size=og&lang=zh-Hans' },
  { name: 'vertical-og-hans-quotation-marks', id: 'avoid-extreme-rich-poor-gap', query: 'template=vertical&size=og&lang=zh-Hans' },
  // One card per language besides Chinese, each in its own fonts and by its own line-breaking rules.
  { name: 'classic-og-ja', id: 'kusamakura', query: 'template=classic&size=og', fixture: true },
  { name: 'vertical-og-ja', id: 'matchbox', query: 'template=vertical&size=og', fixture: true },
  { name: 'minimal-square-ko', id: 'prologue', query: 'template=minimal&size=square', fixture: true },
  { name: 'ming-og-en', id: 'ask-forgiveness', query: 'template=ming&size=og', fixture: true },
];

describe('cards look as their references', () => {
  it.each(CASES)('$name', async ({ name, id = 'one-gpu-fails-cluster-fails', query, fixture }) => {
    const path = `/cards/${id}.png?${query}`;
    const { res, bytes } = fixture ? await fixtureBytes(path) : await getBytes(path);
    expect(res.status).toBe(200);
    const file = new URL(`${name}.png`, REFERENCES);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`No reference ${name}.png: run npm run references and look at it before committing.`);
      mkdirSync(REFERENCES, { recursive: true });
      writeFileSync(file, bytes);
      return;
    }
    const actual = decodePng(bytes);
    const expected = decodePng(readFileSync(file));
    expect({ width: actual.width, height: actual.height }).toEqual({ width: expected.width, height: expected.height });
    let differing = 0;
    for (let i = 0; i < actual.data.length; i += 4) {
      for (let channel = 0; channel < 3; channel++) {
        if (Math.abs(actual.data[i + channel]! - expected.data[i + channel]!) > CHANNEL_THRESHOLD) {
          differing++;
          break;
        }
      }
    }
    expect(differing / (actual.width * actual.height)).toBeLessThanOrEqual(MAX_DIFFERING);
  });
});
