// Makes `import('sharp')` fail in this process, as on an edge runtime: @vercel/og then falls back to resvg-wasm.
import { register } from 'node:module';

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'sharp') throw Object.assign(new Error('sharp is hidden for this benchmark'), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
