import { expect, it } from 'vitest';
import bundledQuotes from '../../quotes.json';
import { CACHE_STATUS_HEADER } from '../../src/worker/edge-cache.ts';
import { CHINESE_LANGS, THEMES } from '../../src/cards/options.ts';
import { TEMPLATE_NAMES } from '../../templates/index.ts';
import { fetchWorker } from './helpers.ts';
import { wasmMemory } from './wasm-memory.ts';

const MiB = 1024 * 1024;

/** 200 different cards, so each one is really rendered rather than read from the cache. */
const cards = bundledQuotes
  .flatMap((quote) =>
    CHINESE_LANGS.flatMap((lang) =>
      TEMPLATE_NAMES.flatMap((template) => Object.keys(THEMES).map((theme) => ({ id: quote.id, lang, template, theme }))),
    ),
  )
  .slice(0, 200);

// resvg-wasm's objects live in wasm memory, which never shrinks: a leak shows there.
it('keeps wasm memory bounded over 200 sequential renders', async () => {
  expect(cards).toHaveLength(200);
  const origin = `https://memory-${crypto.randomUUID()}.example`;
  const sizes: number[] = [];
  for (const [index, { id, lang, template, theme }] of cards.entries()) {
    const res = await fetchWorker(`${origin}/cards/${id}.png?lang=${lang}&template=${template}&theme=${theme}`);
    expect(res.status).toBe(200);
    expect(res.headers.get(CACHE_STATUS_HEADER)).toBe('MISS');
    await res.arrayBuffer();
    if (index === 19 || index === 199) sizes.push(wasmMemory().bytes);
  }
  // yoga's and resvg's memories, watched since before the first render (tests/worker/setup.ts).
  expect(wasmMemory().instances).toBeGreaterThanOrEqual(2);
  const [after20, after200] = sizes as [number, number];
  console.log(`wasm memory: ${(after20 / MiB).toFixed(1)} MiB after 20 renders, ${(after200 / MiB).toFixed(1)} MiB after 200`);
  // With .free() it does not grow at all; without it, 180 more renders add 25–40 MiB here
  // (wasm-bindgen finalizers reclaim some objects when GC runs, never all).
  expect(after200 - after20).toBeLessThan(8 * MiB);
  // Each engine stays well inside the 128 MB a Worker isolate may use.
  expect(wasmMemory().largest).toBeLessThan(64 * MiB);
});
