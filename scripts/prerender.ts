/**
 * `npm run prerender`: every card of the bundled quotes into assets/cards/ at
 * its content-addressed path (src/export/prerender.ts), before `wrangler
 * deploy`. PRERENDER_CARDS picks the subset (all, og, none; default all).
 * With `--if-asked` (npm run dev:worker) it does nothing unless PRERENDER=1.
 */
import { fileURLToPath } from 'node:url';
import { PRERENDER_SUBSETS, type PrerenderSubset } from '../src/http/prerendered.ts';
import { MAX_ASSET_FILES, prerenderCards } from '../src/export/prerender.ts';

const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));

async function main(): Promise<number> {
  if (process.argv.includes('--if-asked') && process.env.PRERENDER !== '1') return 0;
  const subset = process.env.PRERENDER_CARDS ?? 'all';
  if (!(PRERENDER_SUBSETS as readonly string[]).includes(subset)) {
    console.error(`PRERENDER_CARDS=${JSON.stringify(subset)} is not a prerender subset; use one of ${PRERENDER_SUBSETS.join(', ')}.`);
    return 2;
  }
  const started = performance.now();
  const result = await prerenderCards({ assets: ASSETS, subset: subset as PrerenderSubset });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Prerendered ${result.cards} cards (PRERENDER_CARDS=${subset}) into assets/cards/: ${result.rendered} rendered, ${result.skipped} unchanged, ${result.pruned} pruned, in ${seconds} s; ${result.assetFiles} of ${MAX_ASSET_FILES} static asset files.`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
