import satori from 'satori';
import { readFileSync } from 'node:fs';
const data = readFileSync('/work/main/fonts/sans-hant-400.otf');
const fonts = [{ name: 'x', data, weight: 400, style: 'normal' }] as any;
const tries: any = {
  emptyDiv: { type: 'div', props: { style: { display: 'flex', width: 100, height: 100 }, children: [{ type: 'div', props: { style: { width: 10, height: 4 }, children: [] } }] } },
  spanInFlex: { type: 'div', props: { style: { display: 'flex' }, children: ['— 李', { type: 'span', props: { style: {}, children: ['a'] } }] } },
};
for (const [k, el] of Object.entries(tries)) { try { await satori(el as any, { width: 100, height: 100, fonts }); console.log(k, 'ok'); } catch (e) { console.log(k, (e as Error).message.slice(0, 80)); } }
