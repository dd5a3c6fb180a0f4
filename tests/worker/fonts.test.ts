import { expect, inject, it } from 'vitest';
import { FONT_FILES } from '../../src/cards/fonts.ts';
import { WORKER_FONTS, workerPlatform } from '../../src/worker/platform.ts';

const fontFileSizes = inject('fontFileSizes');

// When a font joins FONT_FILES, the Worker must import it too, or its cards
// would fail only in production.
it.each(FONT_FILES.map((font) => font.file))('bundles %s, byte for byte the file in fonts/', (file) => {
  expect(WORKER_FONTS[file], `${file} is in FONT_FILES but not imported in src/platform/worker.ts`).toBeInstanceOf(ArrayBuffer);
  expect(WORKER_FONTS[file]!.byteLength).toBe(fontFileSizes[file]);
});

it('bundles no font that FONT_FILES does not list', () => {
  expect(Object.keys(WORKER_FONTS).sort()).toEqual(FONT_FILES.map((font) => font.file).sort());
});

it('names the missing import when asked for a font it does not bundle', async () => {
  await expect(workerPlatform().readFont('not-bundled-400.ttf')).rejects.toThrow(/not-bundled-400\.ttf.*src\/worker\/platform\.ts/);
});

it('has no full-font fallback: the full fonts would not fit the bundle', () => {
  expect(workerPlatform().readFallbackFont).toBeUndefined();
});
