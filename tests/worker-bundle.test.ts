import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

const KiB = 1024;
/**
 * The budget for the whole upload, gzipped: script and wasm (the fonts are
 * static assets, outside it). About half of the free plan's 3 MB, leaving room
 * for new templates, emoji and languages; the goal is 1.2 MiB.
 */
const UPLOAD_BUDGET = 1.6 * 1024 * KiB;

const root = new URL('..', import.meta.url).pathname;
const wrangler = new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url).pathname;
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [wrangler, ...args], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });

// Builds the Worker exactly as `npm run deploy` would upload it, with every
// bundled quote, template, script converter and wasm engine.
it('keeps the gzipped Worker upload within its 1.6 MiB budget, fonts excluded', async () => {
  const outdir = await mkdtemp(join(tmpdir(), 'quote-cards-worker-'));
  try {
    const { stdout } = await run(['deploy', '--dry-run', '--outdir', outdir]);

    // Every uploaded module (not source maps or wrangler's README), gzipped one by one.
    const files = (await readdir(outdir)).filter((file) => !file.endsWith('.map') && file !== 'README.md');
    const sizes = await Promise.all(
      files.map(async (file) => {
        const bytes = await readFile(join(outdir, file));
        return { file: file.replace(/^[0-9a-f]{40}-/, ''), raw: bytes.length, gzip: gzipSync(bytes).length };
      }),
    );
    const raw = sizes.reduce((sum, size) => sum + size.raw, 0);
    const gzip = sizes.reduce((sum, size) => sum + size.gzip, 0);
    const table = sizes.map((size) => `  ${size.file}: ${(size.raw / KiB).toFixed(0)} KiB, gzip ${(size.gzip / KiB).toFixed(0)} KiB`);
    console.log(
      `Worker upload: ${(raw / KiB).toFixed(0)} KiB, gzip ${(gzip / KiB).toFixed(0)} KiB of ${(UPLOAD_BUDGET / KiB).toFixed(0)} KiB\n${table.join('\n')}`,
    );

    expect(files).toContain('index.js');
    // Only the dictionaries the Worker uses: Traditional → Simplified (TSPhrases) but not
    // Simplified → Traditional (STPhrases, left out by wrangler.toml's [alias]).
    const script = await readFile(join(outdir, 'index.js'), 'utf8');
    const holds = (entry: string) => script.includes(entry) || script.includes(escapeNonAscii(entry));
    expect(holds('一目瞭然 一目了然'), 'TSPhrases is bundled').toBe(true);
    expect(holds('一丝不挂 一絲不掛'), 'STPhrases is left out').toBe(false);
    expect(files.filter((file) => file.endsWith('.wasm'))).toHaveLength(2);
    // The fonts are uploaded as assets, never inside the script.
    expect(files.filter((file) => /\.(otf|ttf|woff2?)$/.test(file))).toEqual([]);
    expect(stdout).toMatch(/Read \d+ files from the assets directory/);
    expect(
      gzip,
      `gzipped upload ${(gzip / KiB).toFixed(0)} KiB exceeds its budget of ${(UPLOAD_BUDGET / KiB).toFixed(0)} KiB:\n${table.join('\n')}`,
    ).toBeLessThanOrEqual(UPLOAD_BUDGET);
    // Wrangler measures the upload the same way; hold its own figure to the limit as well.
    const reported = /gzip: ([\d.]+) KiB/.exec(stdout);
    expect(reported, `wrangler printed no upload size:\n${stdout}`).not.toBeNull();
    expect(Number(reported![1]) * KiB).toBeLessThanOrEqual(UPLOAD_BUDGET);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});

/**
 * Work that belongs to the first request, never to start-up (Cloudflare allows
 * an isolate 1 s to start): building the app, validating the quotes, starting
 * the wasm engines, parsing fonts (opentype.js tables, in either copy) and
 * building script converters (opencc-js tries).
 */
const FIRST_REQUEST_WORK =
  /^(createHandler|createApp|createRenderer|workerPlatform|validateQuotes|initWasm|parse(Cmap|CFF|Glyf)Table|ConverterFactory|ConverterBuilder|loadDict|addWord)\d*$/;

// wrangler's start-up profiler evaluates the bundled Worker in workerd and
// records every call stack it samples (about one per millisecond).
it('starts without parsing fonts, building converters or validating quotes', async () => {
  const outdir = await mkdtemp(join(tmpdir(), 'quote-cards-startup-'));
  try {
    const profileFile = join(outdir, 'startup.cpuprofile');
    await run(['check', 'startup', '--args=--no-minify', '--outfile', profileFile]);
    const profile = JSON.parse(await readFile(profileFile, 'utf8')) as {
      nodes: { callFrame: { functionName: string } }[];
      samples: number[];
    };
    expect(profile.samples.length).toBeGreaterThan(10);
    const names = new Set(profile.nodes.map((node) => node.callFrame.functionName));
    // A positive control: satori's own start-up, decoding its bundled data, is seen.
    expect([...names].some((name) => /^(b64ToByteArray|tinf_\w+)\d*$/.test(name))).toBe(true);
    expect([...names].filter((name) => FIRST_REQUEST_WORK.test(name))).toEqual([]);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});

/** `text` as esbuild writes it into an ASCII bundle: \uXXXX for every character beyond ASCII. */
function escapeNonAscii(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
