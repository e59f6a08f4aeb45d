import { describe, expect, it, vi } from 'vitest';
import { createLiveProgress } from '../../src/cli/output/live-progress.js';
import { createProgressDisplay } from '../../src/cli/output/progress-display.js';
import type { ProgressEvent } from '../../src/index.js';

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 80, write: (text: string) => chunks.push(text) }, chunks };
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

/** What a terminal shows after these writes: applies "up one line, erase it" and newlines. */
function screen(chunks: readonly string[]): string[] {
  const lines: string[] = [];
  let current = '';
  const text = chunks.join('');
  for (let index = 0; index < text.length; ) {
    if (text.startsWith('\u001b[1A\u001b[2K', index)) {
      lines.pop();
      index += '\u001b[1A\u001b[2K'.length;
    } else if (text[index] === '\n') {
      lines.push(current);
      current = '';
      index += 1;
    } else {
      current += text[index];
      index += 1;
    }
  }
  return lines;
}

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

  it('cuts rows to the terminal width, so erasing by row count stays right', () => {
    const { stream, chunks } = recorder(true);
    stream.columns = 30;
    const display = createLiveProgress({ stream, now: () => 0, intervalMs: 0 });
    display.onProgress(event('a_step_with_a_very_long_name_indeed', 'started'));
    display.stop();
    const drawn = chunks.join('').split('\n')[0] ?? '';
    expect(drawn.length).toBeLessThanOrEqual(29);
    expect(drawn.endsWith('…')).toBe(true);
  });

  it('assumes a common width on a pseudo-terminal that reports 0 columns, rather than cutting every row', () => {
    const { stream, chunks } = recorder(true);
    stream.columns = 0;
    const display = createLiveProgress({ stream, now: () => 0, intervalMs: 0 });
    display.onProgress(event('template_parser', 'started'));
    display.stop();
    expect(chunks[0]).toBe('⠋ template_parser 0 ms\n');
  });
});
