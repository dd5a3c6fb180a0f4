// workers-og drawing the benchmark's card.
import { ImageResponse } from 'workers-og';
import { card, cardFonts } from './peer-card.ts';

export default {
  async fetch(request: Request, env: { ASSETS: { fetch(request: Request): Promise<Response> } }) {
    if (new URL(request.url).pathname === '/__ready') return new Response('ok');
    const response = new ImageResponse(card.element as never, {
      width: card.width,
      height: card.height,
      fonts: await cardFonts(env.ASSETS),
    });
    return response;
  },
};
