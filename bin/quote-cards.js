#!/usr/bin/env node
// The `quote-cards` command. The project runs its TypeScript through tsx, so
// this shim registers tsx's loader and hands over to src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main();
