import { formatDuration } from './format.js';
import type { ProgressDisplay, ProgressDisplayOptions } from './progress-display.js';
import { describeFinishedStep } from './progress-text.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SYMBOLS = { completed: '✔', skipped: '↷', failed: '✖', started: ' ' } as const;
// Move up one line and erase it.
const ERASE_LINE_ABOVE = '\u001b[1A\u001b[2K';

/** Options of the live display, beyond the stream: a clock and the frame rate, for tests. */
export interface LiveProgressOptions extends ProgressDisplayOptions {
  now?: () => number;
  /** Milliseconds between spinner frames; 0 draws only on events (tests). Default 80. */
  intervalMs?: number;
}

interface RunningStep {
  text: string;
  startedAt: number;
}

/**
 * Spinners for the steps running now (parallel steps each get a row), redrawn in place; a
 * finished step leaves one permanent line with its time and warning count above them.
 */
export function createLiveProgress({
  stream,
  labelFor,
  now = () => performance.now(),
  intervalMs = 80,
}: LiveProgressOptions): ProgressDisplay {
  const running = new Map<string, RunningStep>();
  let drawnRows = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // A pseudo-terminal without a size reports 0 columns: assume a common width then.
  const width = () => {
    const columns = (stream as { columns?: number }).columns;
    return columns !== undefined && columns > 0 ? Math.max(20, columns - 1) : 99;
  };
  // A row wider than the terminal wraps, and the erase count would be wrong.
  const clip = (line: string) => (line.length > width() ? `${line.slice(0, width() - 1)}…` : line);

  const erase = () => {
    if (drawnRows > 0) stream.write(ERASE_LINE_ABOVE.repeat(drawnRows));
    drawnRows = 0;
  };
  const draw = () => {
    if (stopped) return;
    const spinner = FRAMES[frame % FRAMES.length];
    const rows = [...running.values()].map(
      (step) => `${clip(`${spinner} ${step.text} ${formatDuration(now() - step.startedAt)}`)}\n`,
    );
    stream.write(rows.join(''));
    drawnRows = rows.length;
  };
  const redraw = () => {
    erase();
    draw();
  };
  const commit = (line: string) => {
    erase();
    stream.write(`${clip(line)}\n`);
    draw();
  };
  const syncTimer = () => {
    if (running.size > 0 && timer === undefined && intervalMs > 0 && !stopped) {
      timer = setInterval(() => {
        frame += 1;
        redraw();
      }, intervalMs);
      // The display must never be what keeps the process alive.
      timer.unref();
    } else if (running.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    onProgress(event) {
      if (stopped) return;
      const label = labelFor?.(event.taskId);
      const prefix = label === undefined ? '' : `${label} `;
      const key = `${event.taskId}\u0000${event.step}`;
      if (event.status === 'started') {
        running.set(key, { text: `${prefix}${event.step}`, startedAt: now() });
        redraw();
      } else {
        running.delete(key);
        commit(`${SYMBOLS[event.status]} ${prefix}${describeFinishedStep(event)}`);
      }
      syncTimer();
    },
    note(line) {
      if (!stopped) commit(line);
    },
    stop() {
      if (stopped) return;
      erase();
      stopped = true;
      running.clear();
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
