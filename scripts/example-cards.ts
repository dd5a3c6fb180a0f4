/** Renders the example cards shown in the README into docs/ (`npm run examples`). */
import { writeFile } from 'node:fs/promises';
import { createNodeApp } from '../src/node/app.ts';

const { app } = createNodeApp();
const EXAMPLES = {
  'example-og.png': '/cards/trust-is-the-key-skill.png',
  'example-kai-simplified.png': '/cards/no-genius-needed-for-love.png?template=kai&lang=zh-Hans',
  'example-vertical-story.png': '/cards/marathon-runners-and-cars.png?template=vertical&size=story&theme=dark',
  'example-ming-square.png': '/cards/gpt4-is-the-gold-standard.png?template=ming&size=square&lang=zh-HK',
};

for (const [file, path] of Object.entries(EXAMPLES)) {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  await writeFile(new URL(`../docs/${file}`, import.meta.url), new Uint8Array(await res.arrayBuffer()));
  console.log(`docs/${file} ← ${path}`);
}
