import { describe, expect, inject, it } from 'vitest';
import { PARITY_ORIGIN, PARITY_REQUESTS, answerOf } from './parity-requests.ts';
import { fetchWorker, pngSize } from './helpers.ts';

// The same requests answered on Node (rendered by tests/worker/node-reference.ts
// before this suite starts) and here, inside workerd.
const nodeAnswers = inject('nodeAnswers');

describe('the Worker answers exactly as the Node app does', () => {
  it.each(PARITY_REQUESTS)('%s', async (path) => {
    const node = nodeAnswers[path]!;
    const res = await fetchWorker(PARITY_ORIGIN + path);
    const answer = await answerOf(res.clone());
    expect(answer.status).toBe(node.status);
    expect(answer.headers).toEqual(node.headers);
    if (node.text !== undefined) expect(answer.text).toBe(node.text);
    // A PNG: the hash of its decoded pixels, so the tolerance is zero.
    expect(answer.sha256).toBe(node.sha256);
  });

  it('writes PNGs the size of Node’s, with the same indexed encoder', async () => {
    for (const path of PARITY_REQUESTS.filter((request) => request.includes('.png?') || request.endsWith('.png'))) {
      const node = nodeAnswers[path]!;
      if (node.status !== 200) continue;
      const worker = await answerOf(await fetchWorker(PARITY_ORIGIN + path));
      console.log(`${path}: Node ${node.bytes} bytes, Worker ${worker.bytes} bytes`);
      expect(worker.bytes).toBeGreaterThan(node.bytes * 0.7);
      expect(worker.bytes).toBeLessThan(node.bytes * 1.2);
    }
  });

  it('renders PNGs at the requested pixel size', async () => {
    const res = await fetchWorker(`${PARITY_ORIGIN}/cards/google-lets-flowers-bloom.png?lang=zh-Hans&theme=dark&scale=2`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(pngSize(new Uint8Array(await res.arrayBuffer()))).toEqual({ width: 2400, height: 1260 });
  });
});
