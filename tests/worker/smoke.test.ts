import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import worker from '../../src/worker.ts';

it('renders', async () => {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request('http://x/cards/trust-is-the-key-skill.png'), {}, ctx);
  await waitOnExecutionContext(ctx);
  console.log(res.status, res.headers.get('content-type'), (await res.arrayBuffer()).byteLength);
  expect(res.status).toBe(200);
});
