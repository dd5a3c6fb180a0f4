/**
 * Bounds on the work one request can ask for. They hold on every runtime:
 * the app checks them before it looks anything up or renders.
 */
import { ApiError } from './errors.ts';
import { SCALES, SIZES, type Scale, type SizeName } from './options.ts';

/** The most pixels a rendered PNG may have (width × height × scale²): 4 megapixels. */
export const MAX_CANVAS_PIXELS = 4_000_000;

/** A card's pixel count at a scale. */
export function canvasPixels(size: SizeName, scale: number): number {
  const { width, height } = SIZES[size];
  return width * scale * height * scale;
}

/** The scales a size may be rendered at within MAX_CANVAS_PIXELS (og: 1, 2; square and story: 1). */
export function allowedScales(size: SizeName): Scale[] {
  return SCALES.filter((scale) => canvasPixels(size, scale) <= MAX_CANVAS_PIXELS);
}

/** Refuses a size × scale above MAX_CANVAS_PIXELS with a 400 that names what is allowed. */
export function checkCanvas({ size, scale }: { size: SizeName; scale: number }): void {
  const pixels = canvasPixels(size, scale);
  if (pixels <= MAX_CANVAS_PIXELS) return;
  const { width, height } = SIZES[size];
  const allowed = allowedScales(size);
  throw new ApiError(
    400,
    'canvas_too_large',
    `A ${size} card at scale=${scale} would be ${width * scale}×${height * scale} = ${pixels.toLocaleString('en')} pixels; ` +
      `the limit is ${MAX_CANVAS_PIXELS.toLocaleString('en')}. Allowed scales for ${size}: ${allowed.join(', ')}.`,
    allowed,
  );
}
