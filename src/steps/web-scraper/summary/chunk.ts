import { checkNumberOption } from '../../../core/check-option.js';

/** Options for {@link smartChunk}. Lengths count UTF-16 code units, like `string.length`. */
export interface SmartChunkOptions {
  /** The longest a chunk may be. An integer from 1 up. Default 30 000. */
  size?: number;
  /**
   * How far back from the size limit to look for a sentence ending. An integer from 0 to `size`.
   * Default 500, or `size` when `size` is smaller. Below 2 no ending fits, so every cut is hard.
   */
  lookBack?: number;
}

const COMPONENT = 'web_scraper';
const DEFAULT_SIZE = 30_000;
const DEFAULT_LOOK_BACK = 500;

const NEWLINE = 0x0a;
const SPACE = 0x20;
const FULL_STOP = 0x2e;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;

/**
 * True when the two code units before `cut` are a sentence ending: `\n\n`, or `.`, `!`, `?`
 * followed by a space or a newline. Every ending is two units long, which is what lets the
 * scan test one cut position with two `charCodeAt` calls and no substring.
 */
function endsSentenceAt(text: string, cut: number): boolean {
  const second = text.charCodeAt(cut - 1);
  if (second !== SPACE && second !== NEWLINE) return false;
  const first = text.charCodeAt(cut - 2);
  if (first === FULL_STOP || first === EXCLAMATION || first === QUESTION) return true;
  return first === NEWLINE && second === NEWLINE;
}

/** True when cutting at `cut` would separate the two halves of a surrogate pair. */
function splitsSurrogatePair(text: string, cut: number): boolean {
  const before = text.charCodeAt(cut - 1);
  const after = text.charCodeAt(cut);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Cuts long text into chunks of at most `size` code units, preferring to cut just after a
 * sentence ending, so a summariser sees whole sentences.
 *
 * While the rest of the text is longer than `size`, the cut goes just after the LAST ending that
 * lies wholly within the `lookBack` units before the limit (`start + size`): an ending that starts
 * before that window, or runs past the limit, does not count. With no ending there the cut is hard,
 * at the limit (one unit earlier when the limit would split a surrogate pair and `size >= 2`).
 * The rest, once it fits in `size`, is the last chunk, never split. Chunks joined give back the
 * input exactly; no chunk is empty, so empty text gives `[]`.
 *
 * Runs in linear time: each cut position is tested at most once over the whole text.
 *
 * @throws ConfigurationError when `size` or `lookBack` is out of range or not an integer.
 * @example
 * ```ts
 * smartChunk('One. Two. Three.', { size: 12, lookBack: 8 }); // ['One. Two. ', 'Three.']
 * ```
 */
export function smartChunk(text: string, options: SmartChunkOptions = {}): string[] {
  const size = checkNumberOption(COMPONENT, 'size', options.size ?? DEFAULT_SIZE, {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  const lookBack = checkNumberOption(
    COMPONENT,
    'lookBack',
    options.lookBack ?? Math.min(DEFAULT_LOOK_BACK, size),
    { min: 0, max: size, integer: true },
  );

  const chunks: string[] = [];
  let start = 0;
  // Cut positions up to here have already been tested and are not sentence endings (after a
  // cut at a boundary, everything between it and the old limit was scanned). Skipping them keeps
  // the whole run linear even when `lookBack` is close to `size` and cuts land near the window start.
  let testedUpTo = 0;
  while (text.length - start > size) {
    const limit = start + size;
    // A cut at `cut` puts the ending in [cut - 2, cut): wholly in the window when cut - 2 >= limit - lookBack.
    const lowest = Math.max(limit - lookBack + 2, testedUpTo + 1);
    let cut = -1;
    for (let candidate = limit; candidate >= lowest; candidate -= 1) {
      if (endsSentenceAt(text, candidate)) {
        cut = candidate;
        break;
      }
    }
    testedUpTo = limit;
    if (cut === -1) {
      cut = size >= 2 && splitsSurrogatePair(text, limit) ? limit - 1 : limit;
    }
    chunks.push(text.slice(start, cut));
    start = cut;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks;
}
