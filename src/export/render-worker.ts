/**
 * A render worker thread: one renderer (fonts parsed once per thread), one
 * card at a time, the bytes handed back to the main thread to write.
 */
import { parentPort } from 'node:worker_threads';
import { cardAlt, localizeQuote } from '../cards/localize.ts';
import { nodePlatform } from '../node/platform.ts';
import { createRenderer } from '../cards/render.ts';
import type { RenderReply, RenderRequest } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread; see src/export/pool.ts');

const renderer = createRenderer(nodePlatform());

port.on('message', async ({ quote, options, format }: RenderRequest) => {
  let reply: RenderReply;
  try {
    const bytes = format === 'png' ? await renderer.png(quote, options) : new TextEncoder().encode(await renderer.svg(quote, options));
    // The alt text needs only the converted text, not a second typesetting of the card.
    reply = { ok: true, bytes, alt: cardAlt(localizeQuote(quote, options.lang)) };
  } catch (error) {
    reply = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, reply.ok ? [reply.bytes.buffer] : []);
});
