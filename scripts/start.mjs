/**
 * `npm start`: runs the built server (scripts/build.mjs), building it first
 * only when it is missing or older than a source file, so the server always
 * matches the sources and a start costs no build. Node loads plain JavaScript,
 * in the main thread and in every render thread. `npm run dev` runs the same
 * entry (src/node/main.ts) from the sources through tsx, restarting on change.
 */
import { SERVER, buildServer, isBuildStale } from './build.mjs';

if (await isBuildStale()) await buildServer();
const server = await import(SERVER.href);
// A server module that exports startServer only starts itself when run directly, which the bundle is not.
// A bad setting exits 1 with one line naming the variable, the value and what is allowed.
await server.startServer(server.serveOptionsOrExit());
