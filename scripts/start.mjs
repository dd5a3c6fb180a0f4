/**
 * `npm start`: compiles the server into one ES module with esbuild, then runs it.
 * Node then loads plain JavaScript without a TypeScript loader, which halves the
 * time to the first card; the build takes a few dozen milliseconds and runs on
 * every start, so the server always matches the sources. Packages stay external.
 * `npm run dev` still runs the sources through tsx, restarting on change.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const outfile = new URL('../dist/server.mjs', import.meta.url);

await build({
  entryPoints: [new URL('../src/node/server.ts', import.meta.url).pathname],
  outfile: outfile.pathname,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
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
await stop(); // the esbuild service process is not needed while serving
const server = await import(outfile.href);
// A server module that exports startServer only starts itself when run directly, which the bundle is not.
// A bad setting exits 1 with one line naming the variable, the value and what is allowed.
await server.startServer(server.serveOptionsOrExit());
