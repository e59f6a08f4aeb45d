// The seed's smart_chunk (Python, from the original system), ported line for line, with its bug
// corrected and the three adaptations a port to JavaScript strings needs, each marked.
//
//   def smart_chunk(text, size=30000, look_back=500):
//       chunks = []
//       while len(text) > size:
//           cut = size
//           for i in range(size, max(size - look_back, 0), -1):
//               for ending in ['\n\n', '. ', '.\n', '! ', '!\n', '? ', '?\n']:
//                   if text[i - len(ending):i] == ending:
//                       cut = i
//                       break        # BUG: only leaves the inner loop
//           chunks.append(text[:cut]); text = text[cut:]
//       chunks.append(text)
//       return chunks

const ENDINGS = ['\n\n', '. ', '.\n', '! ', '!\n', '? ', '?\n'];

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The seed's algorithm with its bug fixed: the scan runs down from the limit and stops at the
 * first ending it meets, which is the LAST ending in the window (the seed's `break` left only the
 * inner loop, so it kept scanning and cut at the window's FIRST ending). The rest, once it fits,
 * is appended whole, never split.
 *
 * Adaptations, so it keeps `smartChunk`'s documented semantics (lengths in UTF-16 units):
 * 1. Window: an ending counts only when it lies wholly within the `lookBack` units before the
 *    limit. Python's `range` stops at `size - look_back + 1`, which also counts an ending that
 *    starts one unit before the window; the loop below stops one position earlier.
 * 2. Surrogates: Python strings hold code points and cannot split one; a JavaScript hard cut at
 *    the limit could separate a surrogate pair, so it moves back one unit (when `size >= 2`).
 * 3. None for empty text: like Python, it returns `['']`, where `smartChunk` returns `[]`.
 */
export function seedSmartChunk(
  text: string,
  size = 30_000,
  lookBack = 500,
  {
    pythonWindow = false,
  }: {
    /** Keep Python's window (adaptation 1 undone), to show where the two disagree. */
    pythonWindow?: boolean;
  } = {},
): string[] {
  const chunks: string[] = [];
  // Adaptation 1: `i > max(size - lookBack, 0) + 1` where Python has `i > max(size - look_back, 0)`.
  const lowestExcluded = Math.max(size - lookBack, 0) + (pythonWindow ? 0 : 1);
  while (text.length > size) {
    let cut = size;
    let found = false;
    for (let i = size; i > lowestExcluded && !found; i -= 1) {
      for (const ending of ENDINGS) {
        if (text.slice(i - ending.length, i) === ending) {
          cut = i;
          found = true; // The fix: leave both loops at the first match, the window's last ending.
          break;
        }
      }
    }
    // Adaptation 2.
    if (
      !found &&
      size >= 2 &&
      isHighSurrogate(text.charCodeAt(cut - 1)) &&
      isLowSurrogate(text.charCodeAt(cut))
    ) {
      cut -= 1;
    }
    chunks.push(text.slice(0, cut));
    text = text.slice(cut);
  }
  chunks.push(text);
  return chunks;
}
