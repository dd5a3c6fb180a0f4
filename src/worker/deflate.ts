import { zlibSync } from 'fflate';
import type { Deflate } from '../cards/png.ts';

/**
 * The Worker's deflate for PNGs: fflate's zlib stream (RFC 1950) at level 3.
 * fflate has no run-length strategy; on cards its level 3 is about as fast as
 * its level 1 and a little smaller than Node's Z_RLE output.
 */
export const workerDeflate: Deflate = (data) => zlibSync(data, { level: 3 });
