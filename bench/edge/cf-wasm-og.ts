// @cf-wasm/og drawing the benchmark's card, as its README shows for Workers.
import { ImageResponse, cache } from '@cf-wasm/og/workerd';
import { card, cardFonts } from './peer-card.ts';

export default {
  async fetch(
    request: Request,
    env: { ASSETS: { fetch(request: Request): Promise<Response> } },
    ctx: Parameters<typeof cache.setExecutionContext>[0],
  ) {
    if (new URL(request.url).pathname === '/__ready') return new Response('ok');
    cache.setExecutionContext(ctx);
    return ImageResponse.async(card.element as never, { width: card.width, height: card.height, fonts: await cardFonts(env.ASSETS) });
  },
};
