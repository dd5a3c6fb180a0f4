import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportUsageError, OutputFolderError } from '../src/export/errors.ts';
import { exportCards, type ExportOptions } from '../src/export/export.ts';
import { JOURNAL_FILE } from '../src/export/journal.ts';
import { LOCK_FILE } from '../src/export/lock.ts';
import { manifestBytesBound, type Manifest, type ManifestEntry } from '../src/export/manifest.ts';
import { planCards } from '../src/export/plan.ts';
import { parseQuotes } from '../src/cards/quotes.ts';
import { BIN, quoteCards, runCommand } from './cli-runner.ts';

// The export's promises about its folder, each from a reproduction: nothing
// outside DIR is touched, one export per folder, and a crash, a full disk or
// a read-only filesystem loses nothing that finished.

const ID = 'trust-is-the-key-skill';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'quote-cards-safety-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** One SVG card: quick, and enough to show where files go. */
function oneCard(out: string, extra: Partial<ExportOptions> = {}) {
  return exportCards({
    out,
    ids: [ID],
    templates: ['minimal'],
    sizes: ['og'],
    langs: ['zh-Hant'],
    themes: ['light'],
    scales: [1],
    formats: ['svg'],
    concurrency: 1,
    ...extra,
  });
}

/** Every file below `folder`, relative, without following links. */
async function filesBelow(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

async function readManifest(out: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every card the manifest lists is on disk with its recorded size and hash. */
async function expectCardsIntact(out: string, cards: readonly ManifestEntry[]) {
  for (const card of cards) {
    const bytes = await readFile(join(out, card.file));
    expect(bytes.byteLength).toBe(card.bytes);
    expect(sha256(bytes)).toBe(card.sha256);
  }
}

/** The valid lines of the journal. */
async function journalEntries(out: string): Promise<ManifestEntry[]> {
  const text = await readFile(join(out, JOURNAL_FILE), 'utf8').catch(() => '');
  return text.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as ManifestEntry];
    } catch {
      return [];
    }
  });
}

describe('the export stays inside its folder', () => {
  it('leaves temporary-looking files behind a symbolic link alone, and removes its own', async () => {
    const other = join(root, 'o');
    const out = join(root, 'd');
    await mkdir(other);
    await mkdir(join(out, 'zh-Hant'), { recursive: true });
    await writeFile(join(other, '.notes.txt.42-cafebabe.tmp'), 'keep\n');
    await symlink(other, join(out, 'link'));
    const stale = join(out, 'zh-Hant', '.old.png.42-0badf00d.tmp');
    await writeFile(stale, 'half a card');

    expect(await oneCard(out, { force: true })).toMatchObject({ rendered: 1, failures: [] });
    expect(await readFile(join(other, '.notes.txt.42-cafebabe.tmp'), 'utf8')).toBe('keep\n');
    await expect(lstat(stale)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('finishes with a symbolic link loop and a link to /usr in the folder', async () => {
    const out = join(root, 'loops');
    await oneCard(out);
    await symlink('.', join(out, 'a'));
    await symlink('/usr', join(out, 'usr'));
    expect(await oneCard(out, { force: true })).toMatchObject({ rendered: 1, failures: [] });
    expect(await readlink(join(out, 'a'))).toBe('.');
  });

  it('refuses to write through a symbolic link that leads out of the folder, naming it, and writes nothing', async () => {
    const out = join(root, 'linked');
    const elsewhere = join(root, 'elsewhere');
    await oneCard(out);
    await rm(join(out, 'zh-Hant'), { recursive: true });
    await mkdir(elsewhere);
    await symlink(elsewhere, join(out, 'zh-Hant'));

    const refusal = oneCard(out, { force: true });
    await expect(refusal).rejects.toThrow(OutputFolderError);
    await expect(refusal).rejects.toThrow(
      `${join(out, 'zh-Hant')} is a symbolic link to ${elsewhere}, outside the output folder ${out}; cards are never written through it.`,
    );
    expect(await readdir(elsewhere)).toEqual([]);
    expect(await filesBelow(out)).toEqual(['manifest.csv', 'manifest.json', 'zh-Hant']);
  });

  it('writes through a symbolic link that stays inside the folder', async () => {
    const out = join(root, 'inner-link');
    await mkdir(join(out, 'real'), { recursive: true });
    await symlink(join(out, 'real'), join(out, 'zh-Hant'));
    expect(await oneCard(out, { force: true })).toMatchObject({ rendered: 1 });
    expect(await filesBelow(join(out, 'real'))).toEqual([`minimal/og/${ID}.svg`]);
  });

  it('refuses --out naming a file', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a folder');
    await expect(oneCard(file)).rejects.toThrow(
      new ExportUsageError(`--out ${file} is a regular file, not a folder. Give a new or empty folder, or one an earlier export wrote.`),
    );
    expect(await readFile(file, 'utf8')).toBe('not a folder');
  });

  it('refuses a non-empty folder that holds no export, unless forced', async () => {
    const home = join(root, 'home');
    await mkdir(home);
    await writeFile(join(home, 'notes.txt'), 'mine');
    await expect(oneCard(home)).rejects.toThrow(ExportUsageError);
    await expect(oneCard(home)).rejects.toThrow(`--out ${home} is not empty and holds no manifest of an earlier export`);
    expect(await filesBelow(home)).toEqual(['notes.txt']);
    expect(await oneCard(home, { force: true })).toMatchObject({ rendered: 1 });
    // Now it holds an export: a re-run needs no --force.
    expect(await oneCard(home)).toMatchObject({ rendered: 0, skipped: 1 });
  });
});

describe('one export per folder', () => {
  it('refuses a second export while the first runs, and only one of them writes', async () => {
    const out = join(root, 'twice');
    const results = await Promise.allSettled([oneCard(out), oneCard(out)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(OutputFolderError);
    expect(refused.reason.message).toContain(
      `${out} is being written by another export (process ${process.pid}; lock file ${join(out, LOCK_FILE)})`,
    );
    expect(await filesBelow(out)).toEqual(['manifest.csv', 'manifest.json', `zh-Hant/minimal/og/${ID}.svg`]);
  });

  it('refuses while the lock holds a live process, and takes over the lock of one that is gone', async () => {
    const out = join(root, 'stale-lock');
    await oneCard(out);
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await writeFile(join(out, LOCK_FILE), `${holder.pid}\n`);
    await expect(oneCard(out, { force: true })).rejects.toThrow(`(process ${holder.pid}; lock file ${join(out, LOCK_FILE)})`);

    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(await oneCard(out, { force: true })).toMatchObject({ rendered: 1 });
    expect(await filesBelow(out)).not.toContain(LOCK_FILE);
  });
});

describe('a crash loses nothing that finished', () => {
  it('rebuilds the manifest from the journal, skipping a torn last line and a card whose file is damaged', async () => {
    const out = join(root, 'journal');
    const selection = { langs: ['zh-Hant', 'zh-Hans', 'zh-HK'] } as const;
    await oneCard(out, selection);
    // As a run killed outright leaves it: cards and a journal, no manifest.
    const { cards } = await readManifest(out);
    await rm(join(out, 'manifest.json'));
    await rm(join(out, 'manifest.csv'));
    const lines = cards.map((card) => JSON.stringify(card));
    await writeFile(join(out, JOURNAL_FILE), `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 40)}`);
    await writeFile(join(out, cards[1]!.file), 'damaged');

    const result = await oneCard(out, selection);
    expect(result).toMatchObject({ cards: 3, skipped: 1, rendered: 2, failures: [] });
    const manifest = await readManifest(out);
    expect(manifest.complete).toBe(true);
    expect(manifest.cards.map((card) => card.file)).toEqual(cards.map((card) => card.file));
    expect(manifest.cards[0]).toEqual(cards[0]);
    await expectCardsIntact(out, manifest.cards);
    expect(await filesBelow(out)).not.toContain(JOURNAL_FILE);
  });

  it('after kill -9, the re-run renders only the cards the journal does not hold', { timeout: 120_000 }, async () => {
    const out = join(root, 'killed');
    const args = ['export', '--out', out, '--ids', 'ai-to-understand-how-we-think,ai-is-a-giant-machine', '--lang', 'all', '--size', 'all'];
    args.push('--concurrency', '2'); // 18 cards

    // Killed once the journal holds 4 cards, while the others are rendering.
    let polling: NodeJS.Timeout | undefined;
    const killed = await quoteCards(args, {
      timeout: 60_000,
      onSpawn(child) {
        polling = setInterval(async () => {
          if ((await journalEntries(out)).length < 4) return;
          clearInterval(polling);
          child.kill('SIGKILL');
        }, 10);
      },
    });
    clearInterval(polling);
    expect(killed.signal).toBe('SIGKILL');
    const journaled = (await journalEntries(out)).map((entry) => entry.file);
    expect(journaled.length).toBeGreaterThanOrEqual(4);
    expect(journaled.length).toBeLessThan(18);
    expect(await filesBelow(out)).not.toContain('manifest.json');
    expect(await filesBelow(out)).toContain(LOCK_FILE); // left by the killed process, taken over below

    const rerun = await quoteCards(args, { timeout: 60_000 });
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`18 cards: ${journaled.length} unchanged (skipped), ${18 - journaled.length} to render`);
    const renderedNow = [...rerun.stdout.matchAll(/^\[\s*\d+\/\d+\] (\S+)/gm)].map((match) => match[1]);
    const manifest = await readManifest(out);
    expect(manifest.complete).toBe(true);
    expect(manifest.cards).toHaveLength(18);
    expect(renderedNow.sort()).toEqual(
      manifest.cards
        .map((card) => card.file)
        .filter((file) => !journaled.includes(file))
        .sort(),
    );
    await expectCardsIntact(out, manifest.cards);
    const left = await filesBelow(out);
    expect(left.filter((name) => name.endsWith('.tmp') || name === JOURNAL_FILE || name === LOCK_FILE)).toEqual([]);
  });

  it('a second export into a running export’s folder exits 1 naming the process; the first finishes', { timeout: 120_000 }, async () => {
    const out = join(root, 'two-processes');
    const args = ['export', '--out', out, '--ids', ID, '--lang', 'all', '--format', 'png,svg', '--concurrency', '1']; // 6 cards
    let first: ReturnType<typeof spawn> | undefined;
    let second: Awaited<ReturnType<typeof quoteCards>> | undefined;
    let polling: NodeJS.Timeout | undefined;
    const firstRun = await quoteCards(args, {
      timeout: 60_000,
      onSpawn(child) {
        first = child;
        // Paused once it has written a card, so it is certainly running when the second starts.
        let paused = false;
        polling = setInterval(async () => {
          if (paused || (await journalEntries(out)).length < 1 || paused) return;
          paused = true;
          clearInterval(polling);
          child.kill('SIGSTOP');
          second = await quoteCards(args, { timeout: 60_000 });
          child.kill('SIGCONT');
        }, 10);
      },
    });
    clearInterval(polling);
    expect(second?.code).toBe(1);
    expect(second?.stderr).toContain(`quote-cards: ${out} is being written by another export (process ${first!.pid}; lock file`);
    expect(firstRun.code).toBe(0);
    const manifest = await readManifest(out);
    expect(manifest.cards).toHaveLength(6);
    await expectCardsIntact(out, manifest.cards);
  });
});

/**
 * Runs `script` in a private mount namespace (`unshare -m`, as root) where
 * "$D" is a fresh folder to mount a small tmpfs on, "$BIN" the command and
 * "$KEEP" a folder outside the namespace to copy results to: the tmpfs goes
 * away with the namespace.
 */
async function inMountNamespace(script: string) {
  const dir = await mkdtemp(join(root, 'mnt-'));
  const keep = await mkdtemp(join(root, 'keep-'));
  const run = await runCommand('unshare', ['-m', 'sh', '-c', script], {
    env: { D: dir, BIN: `${process.execPath} ${BIN}`, KEEP: keep },
    timeout: 100_000,
  });
  return { ...run, dir, keep };
}

describe('a full or read-only output folder', () => {
  it('sets aside at least what the manifests take', async () => {
    const out = join(root, 'bound');
    const longest = parseQuotes(await readFile(new URL('../quotes.json', import.meta.url), 'utf8'))
      .sort((a, b) => b.text.length - a.text.length)
      .slice(0, 4);
    const selection = {
      templates: ['minimal'],
      sizes: ['story'],
      langs: ['zh-Hant', 'zh-Hans'],
      themes: ['dark'],
      scales: [1],
      formats: ['svg'],
    } as const;
    await exportCards({ out, ids: longest.map((quote) => quote.id), ...selection, concurrency: 2 });
    const written = (await lstat(join(out, 'manifest.json'))).size + (await lstat(join(out, 'manifest.csv'))).size;
    const bound = manifestBytesBound(await planCards(longest, selection), []);
    expect(bound).toBeGreaterThanOrEqual(written);
    expect(bound).toBeLessThan(written * 2 + 16 * 1024); // and not wildly more
  });

  it(
    'stops at the first ENOSPC, writes the manifest of what finished, names the folder and exits 1; the re-run finishes',
    {
      timeout: 120_000,
    },
    async () => {
      const { code, stderr, dir, keep } = await inMountNamespace(`
      set -e
      mount -t tmpfs -o size=1m tmpfs "$D"
      set +e
      $BIN export --out "$D/cards" --lang all --concurrency 2 > "$KEEP/first.out" 2> "$KEEP/first.err"
      echo $? > "$KEEP/first.code"
      cp -a "$D/cards" "$KEEP/full"
      mount -o remount,size=8m "$D"
      $BIN export --out "$D/cards" --lang all --concurrency 2 > "$KEEP/second.out" 2> "$KEEP/second.err"
      echo $? > "$KEEP/second.code"
      cp -a "$D/cards" "$KEEP/done"
    `);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const read = (name: string) => readFile(join(keep, name), 'utf8');

      // 1. The full disk: stopped early, with a manifest of exactly what is on disk.
      expect(await read('first.code')).toBe('1\n');
      expect(await read('first.err')).toContain(
        `quote-cards: stopped: the output folder ${dir}/cards takes no more files (ENOSPC: no space left on device, writing `,
      );
      const full = await readManifest(join(keep, 'full'));
      expect(full.complete).toBe(false);
      const written = full.cards.length;
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(111);
      const first = await read('first.out');
      expect(first).toContain(`Stopped: 111 cards, ${written} rendered, 0 skipped (unchanged), 0 failed`);
      expect(first.match(/^\[/gm)).toHaveLength(written); // it did not keep rendering
      await expectCardsIntact(join(keep, 'full'), full.cards);
      const files = await filesBelow(join(keep, 'full'));
      expect(files.filter((name) => name.endsWith('.png')).sort()).toEqual(full.cards.map((card) => card.file).sort());
      expect(files.filter((name) => name.endsWith('.tmp') || name === LOCK_FILE || name === JOURNAL_FILE)).toEqual([]);

      // 2. With room again, the same export renders only what is missing.
      expect(await read('second.code')).toBe('0\n');
      expect(await read('second.out')).toContain(`111 cards: ${written} unchanged (skipped), ${111 - written} to render`);
      const done = await readManifest(join(keep, 'done'));
      expect(done.complete).toBe(true);
      expect(done.cards).toHaveLength(111);
    },
  );

  it('finds a read-only folder before rendering anything and says so', { timeout: 60_000 }, async () => {
    const { code, stderr, dir, keep } = await inMountNamespace(`
      set -e
      mount -t tmpfs -o size=1m tmpfs "$D"
      $BIN export --out "$D/cards" --ids ${ID} --format svg > /dev/null
      mount -o remount,ro "$D"
      set +e
      $BIN export --out "$D/cards" --ids ${ID} --lang all > "$KEEP/old.out" 2> "$KEEP/old.err"
      echo $? > "$KEEP/old.code"
      $BIN export --out "$D/new" --ids ${ID} > "$KEEP/new.out" 2> "$KEEP/new.err"
      echo $? > "$KEEP/new.code"
    `);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const read = (name: string) => readFile(join(keep, name), 'utf8');
    expect(await read('old.code')).toBe('1\n');
    expect(await read('old.err')).toBe(`quote-cards: Cannot write in the output folder ${dir}/cards: EROFS: read-only file system.\n`);
    expect(await read('old.out')).toBe(''); // nothing planned, nothing rendered
    expect(await read('new.code')).toBe('1\n');
    expect(await read('new.err')).toBe(`quote-cards: Cannot create the output folder ${dir}/new: EROFS: read-only file system.\n`);
  });
});
