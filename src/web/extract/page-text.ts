/** Below this many characters of readable text a page is not worth summarising. */
export const MIN_PAGE_TEXT_CHARS = 100;

/** True when `text` has fewer than {@link MIN_PAGE_TEXT_CHARS} characters besides surrounding whitespace. */
export function hasTooLittleText(text: string): boolean {
  return text.trim().length < MIN_PAGE_TEXT_CHARS;
}

/**
 * Whitespace as a reader sees it: runs of spaces and tabs (and no-break or other Unicode spaces)
 * become one space, lines are trimmed, a single line break stays, and any run of blank lines
 * becomes one paragraph break (`\n\n`). Zero-width characters are removed: they carry nothing a
 * summariser can use and are a common way to hide words from people.
 */
export function normaliseWhitespace(text: string): string {
  return (
    text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
      .replace(/[^\S\n]+/g, ' ')
      // After the line above a line has at most one space at each end.
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** Normalised onto one line: for titles, headings and descriptions. */
export function oneLine(text: string): string {
  return normaliseWhitespace(text).replace(/\s+/g, ' ');
}

/** How far back from the cap a cut may move to land on a sentence or word boundary. */
const BOUNDARY_LOOK_BACK = 0.2;

/**
 * Cuts `text` to at most `maxChars`, preferring the end of a sentence or paragraph, then a space,
 * in the last 20% before the cap; a hard cut otherwise (never inside a surrogate pair).
 */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const floor = Math.floor(maxChars * (1 - BOUNDARY_LOOK_BACK));
  // One character past the cap, so a full stop right at the cap can be seen to end a sentence.
  const window = text.slice(0, maxChars + 1);
  let sentenceEnd = -1;
  for (const match of window.matchAll(/[.!?]["')\]]?(?=\s)|\n\n/g)) {
    const end = match.index + (match[0] === '\n\n' ? 0 : match[0].length);
    if (end >= floor && end <= maxChars) sentenceEnd = end;
  }
  if (sentenceEnd !== -1) return text.slice(0, sentenceEnd).trimEnd();
  const space = window.slice(0, maxChars + 1).search(/\s\S*$/);
  if (space >= floor) return text.slice(0, space).trimEnd();
  const code = text.charCodeAt(maxChars - 1);
  const hardCut = code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
  return text.slice(0, hardCut);
}
