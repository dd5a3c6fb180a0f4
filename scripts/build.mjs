/**
 * Builds the Node server into plain ES modules with esbuild: dist/server.mjs
 * and dist/render-thread.mjs, the module each render thread loads. Node then
 * runs them without a TypeScript loader, which halves the time to the first
 * card. Runs at install (`prepare`) and from `npm start` when a source is newer
 * than the build (see isBuildStale). Packages stay external.
 */
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
/** The built server and its render thread module. */
export const SERVER = new URL('server.mjs', dist);
export const RENDER_THREAD = new URL('render-thread.mjs', dist);
/** Folders whose TypeScript goes into the build. */
const SOURCES = ['src/', 'templates/'];

/** True when the build is missing or a source file (or this script) changed after it. */
export async function isBuildStale() {
  const built = await Promise.all(
    [SERVER, RENDER_THREAD].map((file) =>
      stat(file).then(
        (info) => info.mtimeMs,
        () => -Infinity,
      ),
    ),
  );
  const oldest = Math.min(...built);
  const sources = [new URL(import.meta.url)];
  for (const folder of SOURCES) {
    for (const name of await readdir(new URL(folder, root), { recursive: true })) sources.push(new URL(`${folder}${name}`, root));
  }
  for (const file of sources) if ((await stat(file)).mtimeMs > oldest) return true;
  return false;
}

/** Builds both modules, then stops esbuild's service process; throws esbuild's error when a source does not compile. */
export async function buildServer() {
  // Imported here: a start that needs no build does not load esbuild at all.
  const esbuild = await import('esbuild');
  await rm(new URL('chunks/', dist), { recursive: true, force: true }); // chunks of an older build
  await esbuild.build({
    entryPoints: { server: 'src/node/main.ts', 'render-thread': 'src/node/render-thread.ts' },
    // Separate files, so the server's own modules load only after its render threads have started.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    absWorkingDir: root.pathname,
    outdir: dist.pathname,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    // opentype.js's main file is CommonJS, which Node scans for its exports at every start; its ES module is not.
    alias: { 'opentype.js': 'opentype.js/dist/opentype.module.js' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // The pool starts its threads on the built thread module, not the sources.
    define: { BUILT_RENDER_THREAD: JSON.stringify(RENDER_THREAD.href) },
    plugins: [
      {
        // Files find fonts and quotes.json relative to their own source file: keep each one's own import.meta.url.
        name: 'source-file-urls',
        setup(esbuild) {
          esbuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
            contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  await esbuild.stop();
}

// `node scripts/build.mjs` (the `prepare` script): build now.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildServer();
