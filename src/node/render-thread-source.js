// Runs render-thread.ts from source (tests, `npm run dev`, the CLI): worker
// threads do not inherit tsx's loader on Node 20 (neither from the parent nor
// through execArgv `--import tsx`), so the thread registers it first. The
// built server (scripts/build.mjs) runs dist/render-thread.mjs instead.
import { register } from 'tsx/esm/api';

register();
const thread = await import('./render-thread.ts');
export default thread.default;
