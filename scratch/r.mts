import { writeFileSync } from 'node:fs';
import { createNodeApp } from '../src/node-app.ts';
const { app } = createNodeApp();
const urls = process.argv.slice(2);
for (const [i, u] of urls.entries()) { const t = Date.now(); const r = await app.request(u); const b = Buffer.from(await r.arrayBuffer()); console.log(r.status, u, b.length, Date.now() - t, 'ms', r.status !== 200 ? b.toString() : ''); if (r.status === 200) writeFileSync(`/tmp/card${i}.png`, b); }
