/**
 * The server's one entry, for `npm start` (built into dist/server.mjs, which
 * scripts/start.mjs imports and starts), `npm run dev` (`tsx watch
 * src/node/main.ts`: run directly, it starts the server itself) and
 * `quote-cards serve` (imports it and starts the server with its flags). The
 * render threads start first, then the rest of the server loads while they
 * load their own modules and fonts.
 */
import { pathToFileURL } from 'node:url';
import { startEarlyPool } from './render-pool.ts';

startEarlyPool();
export const { startServer, serveOptionsOrExit } = await import('./server.ts');

// Run directly (`npm run dev`). Imported (the CLI, the built bundle under scripts/start.mjs), the importer starts it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await startServer(serveOptionsOrExit());
