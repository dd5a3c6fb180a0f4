import cliProgress from 'cli-progress';
import type { ExportProgress } from '../export/export.ts';

/**
 * Progress for a terminal: a bar with done/total, rate and ETA. Anywhere else
 * (a CI log, a pipe): one plain line per card, with the same numbers.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stdout): ExportProgress {
  const progress = stream.isTTY ? barProgress(stream) : lineProgress(stream);
  return {
    ...progress,
    start(plan) {
      const workers = plan.workers === 1 ? '1 worker' : `${plan.workers} workers`;
      stream.write(
        `${plan.cards} cards: ${plan.skipped} unchanged (skipped), ${plan.toRender} to render${plan.toRender ? ` on ${workers}` : ''}\n`,
      );
      progress.start(plan);
    },
  };
}

function barProgress(stream: NodeJS.WriteStream): ExportProgress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} cards | {rate} cards/s | ETA {eta_formatted} | {failed} failed',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  let failed = 0;
  return {
    start({ toRender }) {
      if (toRender === 0) return;
      started = Date.now();
      bar.start(toRender, 0, { rate: '–', failed });
    },
    card({ done, failure }) {
      if (failure) failed++;
      bar.update(done, { rate: rate(done, started), failed });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream): ExportProgress {
  let started = 0;
  return {
    start() {
      started = Date.now();
    },
    card({ done, total, file, failure }) {
      const seconds = (Date.now() - started) / 1000;
      const eta = done < total ? Math.round(((total - done) * seconds) / done) : 0;
      const width = String(total).length;
      const what = failure ? `FAILED ${file}: ${failure}` : file;
      stream.write(`[${String(done).padStart(width)}/${total}] ${what} (${rate(done, started)} cards/s, ETA ${eta}s)\n`);
    },
    stop() {},
  };
}

function rate(done: number, started: number): string {
  const seconds = (Date.now() - started) / 1000;
  return seconds > 0 ? (done / seconds).toFixed(1) : '–';
}
