import cliProgress from 'cli-progress';

/** A progress reporter: the CLI's bar on a terminal, or nothing. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * A progress bar on stderr (done/total, rate, ETA), shown only when stderr is a terminal and
 * the output is not JSON, so pipes and `--json` stay clean.
 */
export function createProgress(label: string, total: number, options: { json?: boolean; unit?: string } = {}): Progress {
  if (options.json || !process.stderr.isTTY || total <= 0) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${options.unit ?? ''} | {speed}/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const start = Date.now();
  bar.start(total, 0, { speed: '0' });
  return {
    update(done: number) {
      const seconds = (Date.now() - start) / 1000;
      bar.update(done, { speed: seconds > 0 ? Math.round(done / seconds).toLocaleString('en-US') : '0' });
    },
    stop() {
      bar.stop();
    },
  };
}
