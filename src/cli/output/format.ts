/** A duration for people: `812 ms` under a second, else `12.3 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `1 warning`, `2 warnings`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One line of text: newlines and runs of blanks folded, so a message never breaks a line-based log. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
