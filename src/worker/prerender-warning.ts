import { FORMATS } from '../cards/options.ts';
import { parseCardAddress } from '../http/params.ts';
import { isPrerendered } from '../http/prerendered.ts';

/** The content-addressed path's shape: /cards/<id>/<file>. */
const ADDRESSED = /^\/cards\/[^/]+\/([^/]+)$/;

/**
 * A check, once per isolate, that the build's prerendered cards are deployed:
 * a card `npm run build:worker` prerenders (isPrerendered) that the Worker
 * itself answers with 200 means the static assets do not hold it (an empty
 * assets/cards/, a deploy without the prerender, or PRERENDER_CARDS=og or
 * none). The card is still rendered and served; `log` is told once, with
 * the path. A stale hash (a redirect) or another card is not reported.
 */
export function prerenderWarning(log: (message: string) => void = console.warn) {
  let warned = false;
  return (request: Request, response: Response): void => {
    if (warned || response.status !== 200) return;
    const file = ADDRESSED.exec(new URL(request.url).pathname)?.[1];
    if (file === undefined) return;
    let address: ReturnType<typeof parseCardAddress>;
    try {
      address = parseCardAddress(file, FORMATS);
    } catch {
      return;
    }
    if (!isPrerendered(address.options, address.format)) return;
    warned = true;
    log(
      `The Worker rendered ${new URL(request.url).pathname}, a card the build prerenders as a static asset: the assets hold no prerendered cards (run npm run build:worker or npm run deploy, which prerender; PRERENDER_CARDS=og or none leaves cards to the Worker). Cards are rendered by the Worker meanwhile; this is logged once per isolate.`,
    );
  };
}
