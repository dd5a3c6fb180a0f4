/** Renders the example cards shown in the README into docs/ (`npm run examples`). */
import { writeFile } from 'node:fs/promises';
import { createNodeApp } from '../src/node-app.ts';

const { app } = createNodeApp();
const EXAMPLES = {
  'example-og.png': '/cards/trust-is-the-key-skill.png',
  'example-minimal-dark.png': '/cards/we-have-souls.png?template=minimal&theme=dark&lang=zh-Hans',
};

for (const [file, path] of Object.entries(EXAMPLES)) {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  await writeFile(new URL(`../docs/${file}`, import.meta.url), new Uint8Array(await res.arrayBuffer()));
  console.log(`docs/${file} ← ${path}`);
}
