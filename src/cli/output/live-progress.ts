import cliSpinners from 'cli-spinners';
import { createLogUpdate } from 'log-update';
import type { CliStream } from '../cli-io.js';
import { formatDuration } from './format.js';
import { describeFinishedStep } from './progress-text.js';
import type { ProgressDisplay, ProgressDisplayOptions } from './progress-types.js';

const SPINNER = cliSpinners.dots;
const SYMBOLS = { completed: '✔', skipped: '↷', failed: '✖', started: ' ' } as const;

/** Options of the live display, beyond the stream: a clock and the frame rate, for tests. */
export interface LiveProgressOptions extends ProgressDisplayOptions {
  now?: () => number;
  /** Milliseconds between spinner frames; 0 draws only on events (tests). Default: the `dots` spinner's 80. */
  intervalMs?: number;
}

interface RunningStep {
  text: string;
  startedAt: number;
}

/**
 * What log-update reads of its stream (`write`, `isTTY`, `columns`, `rows`), the size read live
 * so a resize is seen. A pseudo-terminal without a size reports 0 columns and 0 rows, and
 * log-update takes those literally (`??`, not `||`): one character per line at 0 columns, no live
 * rows at all at 0 rows. Reporting 0 as unknown lets its defaults (80 x 24) apply instead.
 */
function terminalOf(stream: CliStream): NodeJS.WritableStream {
  const size = (key: 'columns' | 'rows') => {
    const value = (stream as { columns?: number; rows?: number })[key];
    return value !== undefined && value > 0 ? value : undefined;
  };
  const terminal = {
    isTTY: stream.isTTY,
    get columns() {
      return size('columns');
    },
    get rows() {
      return size('rows');
    },
    write: (text: string) => {
      stream.write(text);
      return true;
    },
  };
  // log-update types its parameter as a Node stream but uses only the members above.
  return terminal as unknown as NodeJS.WritableStream;
}

/**
 * Spinners for the steps running now (parallel steps each get a row), redrawn in place by
 * log-update; a finished step leaves one permanent line with its time and warning count above them.
 *
 * @example
 * ```ts
 * const display = createLiveProgress({ stream: process.stderr });
 * display.onProgress({ taskId: 't1', step: 'web_scraper', status: 'started', index: 0, total: 4 });
 * display.note('saved as e1');
 * display.stop(); // the spinner row goes, 'saved as e1' stays
 * ```
 */
export function createLiveProgress({
  stream,
  labelFor,
  now = () => performance.now(),
  intervalMs = SPINNER.interval,
}: LiveProgressOptions): ProgressDisplay {
  // The cursor stays visible: hiding it would need restoring on every exit path, Ctrl-C included.
  const log = createLogUpdate(terminalOf(stream), { showCursor: true });
  const running = new Map<string, RunningStep>();
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const draw = () => {
    // log-update draws an empty frame as a blank line: with nothing running, draw no frame.
    if (running.size === 0) {
      log.clear();
      return;
    }
    const spinner = SPINNER.frames[frame % SPINNER.frames.length];
    const rows = [...running.values()].map(
      (step) => `${spinner} ${step.text} ${formatDuration(now() - step.startedAt)}`,
    );
    log(rows.join('\n'));
  };
  const commit = (line: string) => {
    // persist() erases the live rows, writes the line for good and starts a fresh frame below it.
    log.persist(line);
    draw();
  };
  const syncTimer = () => {
    if (running.size > 0 && timer === undefined && intervalMs > 0) {
      timer = setInterval(() => {
        frame += 1;
        draw();
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
        draw();
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
      stopped = true;
      running.clear();
      log.clear();
      syncTimer();
    },
  };
}
