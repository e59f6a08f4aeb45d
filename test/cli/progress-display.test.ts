import { describe, expect, it, vi } from 'vitest';
import { createLiveProgress } from '../../src/cli/output/live-progress.js';
import { createProgressDisplay } from '../../src/cli/output/progress-display.js';
import type { ProgressEvent } from '../../src/index.js';

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = { isTTY, columns: 80, rows: 24, write: (text: string) => chunks.push(text) };
  return { stream, chunks };
}

const event = (
  step: string,
  status: ProgressEvent['status'],
  extra: Partial<ProgressEvent> = {},
): ProgressEvent => ({
  taskId: 't1',
  step,
  status,
  index: 0,
  total: 4,
  ...extra,
});

/**
 * What a terminal `width` columns wide shows after these writes, and where its cursor is. It knows
 * the codes log-update writes (recorded from log-update 8 / ansi-escapes 7): cursor up (`ESC[nA`),
 * down (`ESC[nB`), to column 1 (`ESC[G`), erase the line (`ESC[2K`) or its end (`ESC[K`), and the
 * synchronized-output and cursor-visibility modes (`ESC[?2026h/l`, `ESC[?25h/l`), which change no
 * cell. Any other code throws, so a display writing something new fails here rather than being
 * misread. Like a real terminal it wraps a character written past the last column onto the next
 * line, so a row wider than the terminal takes two lines whether or not the display counted them.
 */
function terminal(chunks: readonly string[], width = 80) {
  const lines: string[] = [''];
  let row = 0;
  let column = 0;
  const moveTo = (target: number) => {
    row = Math.max(0, target);
    while (lines.length <= row) lines.push('');
  };
  const text = chunks.join('');
  for (let index = 0; index < text.length; ) {
    const code = text.startsWith('\u001b[', index)
      ? /^(\??)(\d*)([A-Za-z])/.exec(text.slice(index + 2, index + 12))
      : null;
    if (code !== null) {
      const [parameters, privateMode, digits, command] = code;
      const sequence = `\u001b[${parameters}`;
      const count = digits === '' ? 1 : Number(digits);
      index += sequence.length;
      if (
        privateMode === '?' &&
        (digits === '2026' || digits === '25') &&
        (command === 'h' || command === 'l')
      ) {
        continue;
      }
      if (privateMode === '' && command === 'A') moveTo(row - count);
      else if (privateMode === '' && command === 'B') moveTo(row + count);
      else if (privateMode === '' && command === 'G') column = count - 1;
      else if (sequence === '\u001b[2K') lines[row] = '';
      else if (sequence === '\u001b[K' || sequence === '\u001b[0K')
        lines[row] = (lines[row] ?? '').slice(0, column);
      else throw new Error(`the emulated terminal does not know ${JSON.stringify(sequence)}`);
      continue;
    }
    const character = text[index] ?? '';
    index += 1;
    if (character === '\u001b')
      throw new Error(`an unknown escape code at ${JSON.stringify(text.slice(index - 1, index + 8))}`);
    if (character === '\n') {
      moveTo(row + 1);
      column = 0;
      continue;
    }
    if (column >= width) {
      moveTo(row + 1);
      column = 0;
    }
    const line = (lines[row] ?? '').padEnd(column, ' ');
    lines[row] = line.slice(0, column) + character + line.slice(column + 1);
    column += 1;
  }
  // Lines below the last written one are blank rows of the window, not output.
  const shown = [...lines];
  while (shown.length > 0 && shown.at(-1) === '') shown.pop();
  return { lines: shown, cursor: { row, column } };
}

/** The lines a terminal shows after these writes. */
const screen = (chunks: readonly string[], width?: number) => terminal(chunks, width).lines;

describe('progress on a pipe or a log', () => {
  it('writes one plain line per event: time, warning count, the failure, a task label', () => {
    const { stream, chunks } = recorder(false);
    const display = createProgressDisplay({
      stream,
      labelFor: (taskId) => (taskId === 't2' ? '[2/2]' : undefined),
    });
    display.onProgress(event('web_scraper', 'started'));
    display.onProgress(event('web_scraper', 'completed', { durationMs: 812.4, warnings: ['a', 'b'] }));
    display.onProgress(event('arxiv_helper', 'completed', { durationMs: 1530, warnings: ['a'] }));
    display.onProgress(event('arxiv_helper', 'skipped', { durationMs: 2, taskId: 't2' }));
    display.onProgress(
      event('email_composer', 'failed', { durationMs: 40, error: { message: 'model said no\nat all' } }),
    );
    display.note('saved as e1');
    display.stop();
    expect(chunks.join('')).toBe(
      [
        '[scribe] web_scraper started',
        '[scribe] web_scraper completed in 812 ms (2 warnings)',
        '[scribe] arxiv_helper completed in 1.5 s (1 warning)',
        '[scribe] [2/2] arxiv_helper skipped after 2 ms',
        '[scribe] email_composer failed after 40 ms: model said no at all',
        '[scribe] saved as e1',
        '',
      ].join('\n'),
    );
    expect(chunks.join('')).not.toContain('\u001b');
  });
});

describe('progress on a terminal', () => {
  it('keeps a spinner row per running step, parallel ones together, and leaves one line per finished step', () => {
    const { stream, chunks } = recorder(true);
    let now = 0;
    const display = createLiveProgress({ stream, now: () => now, intervalMs: 0 });
    display.onProgress(event('template_parser', 'started'));
    expect(screen(chunks)).toEqual(['⠋ template_parser 0 ms']);
    now = 120;
    display.onProgress(event('template_parser', 'completed', { durationMs: 120 }));
    // Nothing runs: the finished line alone, and no blank live row under it.
    expect(terminal(chunks)).toEqual({
      lines: ['✔ template_parser completed in 120 ms'],
      cursor: { row: 1, column: 0 },
    });
    display.onProgress(event('web_scraper', 'started'));
    display.onProgress(event('arxiv_helper', 'started'));
    now = 2500;
    display.note('a note');
    expect(screen(chunks)).toEqual([
      '✔ template_parser completed in 120 ms',
      'a note',
      '⠋ web_scraper 2.4 s',
      '⠋ arxiv_helper 2.4 s',
    ]);
    display.onProgress(event('arxiv_helper', 'completed', { durationMs: 2400, warnings: ['none found'] }));
    display.onProgress(event('web_scraper', 'failed', { durationMs: 2500, error: { message: 'refused' } }));
    display.stop();
    expect(screen(chunks)).toEqual([
      '✔ template_parser completed in 120 ms',
      'a note',
      '✔ arxiv_helper completed in 2.4 s (1 warning)',
      '✖ web_scraper failed after 2.5 s: refused',
    ]);
    // The live rows are gone and the cursor waits at the start of the line below the last one kept.
    expect(terminal(chunks).cursor).toEqual({ row: 4, column: 0 });
  });

  it('animates the spinner on a timer only while a step runs, and leaves no timer once stopped', () => {
    vi.useFakeTimers();
    try {
      const { stream, chunks } = recorder(true);
      const display = createLiveProgress({ stream, now: () => 0, intervalMs: 80 });
      display.onProgress(event('web_scraper', 'started'));
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(80);
      expect(screen(chunks)).toEqual(['⠙ web_scraper 0 ms']);
      vi.advanceTimersByTime(80);
      expect(screen(chunks)).toEqual(['⠹ web_scraper 0 ms']);
      display.onProgress(event('web_scraper', 'completed', { durationMs: 160 }));
      // Nothing runs, so nothing spins.
      expect(vi.getTimerCount()).toBe(0);
      display.onProgress(event('email_composer', 'started'));
      display.stop();
      expect(vi.getTimerCount()).toBe(0);
      expect(screen(chunks)).toEqual(['✔ web_scraper completed in 160 ms']);
      const written = chunks.length;
      display.onProgress(event('email_composer', 'completed', { durationMs: 1 }));
      display.note('late');
      expect(chunks.length).toBe(written);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never lets its spinner timer keep the process alive', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const { stream } = recorder(true);
    const display = createLiveProgress({ stream, now: () => 0, intervalMs: 60_000 });
    try {
      display.onProgress(event('web_scraper', 'started'));
      expect(setIntervalSpy).toHaveBeenCalledTimes(1);
      const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
    } finally {
      display.stop();
      setIntervalSpy.mockRestore();
    }
  });

  it('wraps a row wider than the terminal and still erases all of it when redrawing and stopping', () => {
    const { stream, chunks } = recorder(true);
    stream.columns = 30;
    const display = createLiveProgress({ stream, now: () => 0, intervalMs: 0 });
    display.onProgress(event('a_step_with_a_very_long_name_indeed', 'started'));
    expect(screen(chunks, 30)).toEqual(['⠋ a_step_with_a_very_long_name', '_indeed 0 ms']);
    display.onProgress(event('web_scraper', 'started'));
    display.note('a note');
    expect(screen(chunks, 30)).toEqual([
      'a note',
      '⠋ a_step_with_a_very_long_name',
      '_indeed 0 ms',
      '⠋ web_scraper 0 ms',
    ]);
    display.stop();
    expect(screen(chunks, 30)).toEqual(['a note']);
    expect(terminal(chunks, 30).cursor).toEqual({ row: 1, column: 0 });
  });

  it('draws whole rows on a pseudo-terminal that reports 0 columns and 0 rows, rather than none or one letter a line', () => {
    const { stream, chunks } = recorder(true);
    stream.columns = 0;
    stream.rows = 0;
    const display = createLiveProgress({ stream, now: () => 0, intervalMs: 0 });
    display.onProgress(event('template_parser', 'started'));
    expect(screen(chunks)).toEqual(['⠋ template_parser 0 ms']);
    display.onProgress(event('template_parser', 'completed', { durationMs: 3 }));
    display.stop();
    expect(screen(chunks)).toEqual(['✔ template_parser completed in 3 ms']);
  });
});
