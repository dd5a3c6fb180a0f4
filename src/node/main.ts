/**
 * The built server's entry (dist/server.mjs, run by `npm start`): the render
 * threads start first, then the rest of the server loads while they load
 * their own modules and fonts.
 */
import { startEarlyPool } from './render-pool.ts';

startEarlyPool();
export const { startServer, serveOptionsOrExit } = await import('./server.ts');
