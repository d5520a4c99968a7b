export interface Progress {
  /** Share of the log replayed so far, in positions (an ESDB position is a byte offset, not a count). */
  done: number;
  total: number;
  /** Events replayed so far. */
  events: number;
  startedAt: number;
}

/**
 * A progress bar on a TTY (redrawn in place), one line per 10% elsewhere (CI logs stay short).
 */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr, unit = 'events') {
  let lastDecile = -1;
  return (p: Progress) => {
    const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    const elapsed = (Date.now() - p.startedAt) / 1000;
    const rate = elapsed > 0 ? Math.round(p.events / elapsed) : 0;
    const width = 30;
    const filled = Math.round(ratio * width);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${p.events} ${unit} ${rate} ${unit}/s`;
    if (stream.isTTY) {
      stream.write(`\r${line}${ratio === 1 ? '\n' : ''}`);
    } else {
      const decile = Math.floor(ratio * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${line}\n`);
      }
    }
  };
}
