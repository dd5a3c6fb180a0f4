import { describe, expect, it } from 'vitest';
import { createExportPool, StoppedError, type RenderRequest } from '../src/export/pool.ts';

const THREAD = new URL('./fixtures/pool-thread.js', import.meta.url);

function request(id: string): RenderRequest {
  return {
    quote: { id, text: id, lang: 'zh-Hant', speaker: { name: '李開復' }, source: { title: '演講' } },
    options: { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 },
    format: 'png',
  };
}

describe('createExportPool', () => {
  it('fails only the card whose render fails or whose thread dies, and renders the rest', async () => {
    const pool = createExportPool(2, THREAD);
    const ids = ['a', 'throw', 'fail', 'crash', 'b', 'c', 'd'];
    const results = await Promise.allSettled(ids.map((id) => pool.render(request(id))));
    await pool.stop();
    const outcome = results.map((result) =>
      result.status === 'fulfilled' ? new TextDecoder().decode(result.value.bytes) : (result.reason as Error).message,
    );
    expect(outcome).toEqual(['a', 'cannot draw this one', 'too long', 'worker exited with code: 3', 'b', 'c', 'd']);
    expect(results[0]).toMatchObject({ value: { alt: 'alt of a' } });
  });

  it('rejects unfinished renders with StoppedError when stopped', async () => {
    const pool = createExportPool(1, THREAD);
    // Once the thread is up: piscina may hand a thread still starting more than one task.
    await pool.render(request('a'));
    const slow = expect(pool.render(request('slow'))).rejects.toBeInstanceOf(StoppedError);
    const queued = expect(pool.render(request('e'))).rejects.toBeInstanceOf(StoppedError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.stop();
    await slow;
    await queued;
    await expect(pool.render(request('f'))).rejects.toBeInstanceOf(StoppedError);
  });
});
