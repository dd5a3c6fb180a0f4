// Worker threads do not inherit tsx's loader on Node 20 (neither from the
// parent nor through execArgv `--import tsx`), so each worker registers it
// before loading the TypeScript render worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
