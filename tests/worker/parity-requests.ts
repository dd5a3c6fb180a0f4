import { pngPixels } from './png-pixels.ts';

/**
 * Requests answered by both the Node app and the Worker; the Worker's answer
 * must equal Node's: same status, headers that matter, and bytes; for a PNG,
 * the same pixels (the tolerance is zero), which two encoders may write as different bytes.
 */
export const PARITY_REQUESTS = [
  // Cards: quotes short and long, every language, template, size and theme, a scale.
  '/cards/trust-is-the-key-skill.png',
  '/cards/we-have-souls.png?lang=zh-HK&size=square',
  '/cards/debate-before-spending-gpus.png?lang=zh-Hans&template=minimal&theme=dark',
  '/cards/ai-circle-as-big-as-earth.png?size=story&template=minimal',
  '/cards/google-lets-flowers-bloom.png?lang=zh-Hans&theme=dark&scale=2',
  '/cards/stop-chatgpt-cheating-nonsense.svg?lang=zh-Hans&size=square',
  // Renditions by width, and a content-addressed path with a stale hash (302 to the current one).
  '/cards/trust-is-the-key-skill.png?width=640',
  '/cards/we-have-souls.png?size=story&width=320&lang=zh-HK',
  '/cards/trust-is-the-key-skill/classic.og.zh-Hant.light.000000000000.png',
  // A share page reached with tracking parameters: the same HTML, fonts linked by the same fingerprints.
  '/q/trust-is-the-key-skill?size=story&fbclid=IwAR0&utm_source=x',
  // Layout reports and the JSON API.
  '/cards/debate-before-spending-gpus.json?size=story&lang=zh-HK',
  '/api/quotes?lang=zh-Hans',
  '/api/quotes/trust-is-the-key-skill',
  '/api/options',
  '/healthz',
  // Errors.
  '/cards/no-such-quote.png',
  '/cards/trust-is-the-key-skill.png?size=huge',
  '/cards/trust-is-the-key-skill.png?colour=red',
  '/cards/trust-is-the-key-skill.png?size=og&size=square',
  '/cards/Bad_ID!.png',
  '/cards/trust-is-the-key-skill.gif',
  '/no/such/route',
] as const;

/** The origin both apps see, so URLs inside JSON answers match. */
export const PARITY_ORIGIN = 'http://localhost';

/** What the Node app answered, as it crosses from Node into workerd. */
export interface NodeAnswer {
  status: number;
  headers: Record<string, string | null>;
  /** Of the body; of the decoded pixels for a PNG, since equal pixels may come as different bytes. */
  sha256: string;
  text?: string;
  /** The body's length in bytes. */
  bytes: number;
}

/** Headers that must be equal on both runtimes. */
export const COMPARED_HEADERS = ['content-type', 'cache-control', 'etag', 'location', 'access-control-allow-origin'] as const;

/** Hex SHA-256 of bytes, with Web Crypto (present in both Node and workerd). */
export async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reads a response into the shape that is compared. */
export async function answerOf(res: Response): Promise<NodeAnswer> {
  const bytes = await res.arrayBuffer();
  const headers = Object.fromEntries(COMPARED_HEADERS.map((name) => [name, res.headers.get(name)]));
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers,
    bytes: bytes.byteLength,
    sha256: await sha256(type.startsWith('image/png') ? pngPixels(new Uint8Array(bytes)) : bytes),
    ...(type.startsWith('image/png') ? {} : { text: new TextDecoder().decode(bytes) }),
  };
}
