import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../../src/core/errors/configuration-error.js';
import { smartChunk } from '../../../../src/steps/web-scraper/summary/chunk.js';

const ENDINGS = ['\n\n', '. ', '.\n', '! ', '!\n', '? ', '?\n'];

/**
 * The spec, written the slow, obvious way: for each chunk, try every position in the window
 * against every ending and keep the last one that fits wholly inside; otherwise cut at the limit
 * (one earlier rather than split a surrogate pair). Returns where each chunk starts.
 */
function referenceStarts(text: string, size: number, lookBack: number): number[] {
  const starts: number[] = [];
  let start = 0;
  while (start < text.length) {
    starts.push(start);
    if (text.length - start <= size) break;
    const limit = start + size;
    let cut = -1;
    for (let position = limit - lookBack; position <= limit - 2; position += 1) {
      for (const ending of ENDINGS) {
        if (text.startsWith(ending, position)) cut = position + ending.length;
      }
    }
    if (cut === -1) {
      const straddles = /^[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(text.slice(limit - 1, limit + 1));
      cut = straddles && size >= 2 ? limit - 1 : limit;
    }
    start = cut;
  }
  return starts;
}

function startsOf(chunks: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    starts.push(offset);
    offset += chunk.length;
  }
  return starts;
}

// Dense in punctuation, spaces and newlines, so windows often hold several endings, overlapping
// ones (`.\n\n`), and endings that straddle the limit or the window's start.
const denseText = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', '.', '!', '?', '\n', '\n', '😀'),
  maxLength: 400,
});
// Words with sparse endings, so each kind of ending is often the last one in its window.
const proseText = fc
  .array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'c', '😀'), minLength: 1, maxLength: 12 }),
      },
      { weight: 2, arbitrary: fc.constantFrom(' ', '.', '?', '!', '\n', ',') },
      { weight: 1, arbitrary: fc.constantFrom(...ENDINGS) },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));
const textArbitrary = fc.oneof(denseText, proseText);
const optionsArbitrary = fc
  .integer({ min: 1, max: 60 })
  .chain((size) => fc.record({ size: fc.constant(size), lookBack: fc.integer({ min: 0, max: size }) }));

describe('smartChunk properties', () => {
  it('gives back the input exactly when the chunks are joined, with no empty chunk', () => {
    fc.assert(
      fc.property(textArbitrary, optionsArbitrary, (text, options) => {
        const chunks = smartChunk(text, options);
        expect(chunks.join('')).toBe(text);
        for (const chunk of chunks) expect(chunk.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every chunk within size', () => {
    fc.assert(
      fc.property(textArbitrary, optionsArbitrary, (text, options) => {
        for (const chunk of smartChunk(text, options)) expect(chunk.length).toBeLessThanOrEqual(options.size);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts exactly where the slow reference finds the last ending wholly inside the window', () => {
    fc.assert(
      fc.property(textArbitrary, optionsArbitrary, (text, { size, lookBack }) => {
        expect(startsOf(smartChunk(text, { size, lookBack }))).toEqual(referenceStarts(text, size, lookBack));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts only while the rest is longer than size, so the last piece is never split', () => {
    fc.assert(
      fc.property(textArbitrary, optionsArbitrary, (text, options) => {
        const chunks = smartChunk(text, options);
        const starts = startsOf(chunks);
        // Every chunk but the last was cut because more than `size` remained from its start.
        for (let index = 0; index < chunks.length - 1; index += 1) {
          expect(text.length - (starts[index] ?? 0)).toBeGreaterThan(options.size);
        }
        // A cut chunk ends at a sentence ending, or is a hard cut (size, or size - 1 before a surrogate pair).
        for (const chunk of chunks.slice(0, -1)) {
          const atEnding = ENDINGS.includes(chunk.slice(-2));
          expect(atEnding || chunk.length >= options.size - 1).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('returns one chunk, the input itself, when the input fits in size', () => {
    fc.assert(
      fc.property(
        textArbitrary.filter((text) => text.length > 0),
        optionsArbitrary,
        (text, { size, lookBack }) => {
          expect(smartChunk(text, { size: Math.max(size, text.length), lookBack })).toEqual([text]);
        },
      ),
    );
  });
});

describe('smartChunk examples', () => {
  it('cuts at the later of two endings in the window, not the earlier', () => {
    // Endings end at 62 and 92; the window is [50, 100].
    const text = `${'a'.repeat(60)}. ${'b'.repeat(28)}? ${'c'.repeat(50)}`;
    const chunks = smartChunk(text, { size: 100, lookBack: 50 });
    expect(chunks.map((chunk) => chunk.length)).toEqual([92, 50]);
    expect(chunks[0]?.endsWith('? ')).toBe(true);
  });

  it('cuts hard at exactly size when no ending is in the window', () => {
    const text = 'x'.repeat(250);
    expect(smartChunk(text, { size: 100, lookBack: 50 }).map((chunk) => chunk.length)).toEqual([
      100, 100, 50,
    ]);
  });

  it('ignores an ending that starts before the window or runs past the limit', () => {
    // `. ` at [49, 51) starts before the window [50, 100]; `. ` at [99, 101) runs past the limit.
    const text = `${'a'.repeat(49)}. ${'b'.repeat(48)}. ${'c'.repeat(20)}`;
    expect(smartChunk(text, { size: 100, lookBack: 50 }).map((chunk) => chunk.length)).toEqual([100, 21]);
    // One unit later, the ending at [50, 52) is wholly inside.
    expect(smartChunk(`a${text}`, { size: 100, lookBack: 50 })[0]).toBe(`${'a'.repeat(50)}. `);
  });

  it('finds, in the next window, an ending that straddled the previous limit', () => {
    // `. ` at [9, 11) runs past the first limit (10), so the first cut is at 4; from there the
    // window is [4, 14] and that ending lies wholly inside it.
    const text = 'ab. cdefg. hijklmnopqrst';
    expect(smartChunk(text, { size: 10, lookBack: 10 })).toEqual(['ab. ', 'cdefg. ', 'hijklmnopq', 'rst']);
  });

  it('cuts a text of length size + 1 once, at its last ending, and keeps the rest whole', () => {
    const text = `${'a'.repeat(70)}. ${'b'.repeat(10)}. ${'c'.repeat(17)}`;
    expect(text.length).toBe(101);
    // The seed cut at the earliest ending (72), then split the 29-unit rest again at 84.
    expect(smartChunk(text, { size: 100, lookBack: 50 })).toEqual([
      `${'a'.repeat(70)}. ${'b'.repeat(10)}. `,
      'c'.repeat(17),
    ]);
  });

  it('never splits a final piece that fits in size, even when it holds endings', () => {
    const text = `${'x'.repeat(100)}${'y'.repeat(30)}. ${'z'.repeat(30)}! ${'w'.repeat(10)}`;
    expect(smartChunk(text, { size: 100, lookBack: 50 })).toEqual(['x'.repeat(100), text.slice(100)]);
  });

  it('cuts after a paragraph break', () => {
    const text = `${'a'.repeat(80)}\n\n${'b'.repeat(40)}`;
    expect(smartChunk(text, { size: 100, lookBack: 50 })).toEqual([`${'a'.repeat(80)}\n\n`, 'b'.repeat(40)]);
  });

  it('cuts after a question mark and a newline', () => {
    const text = `${'a'.repeat(80)}?\n${'b'.repeat(40)}`;
    expect(smartChunk(text, { size: 100, lookBack: 50 })).toEqual([`${'a'.repeat(80)}?\n`, 'b'.repeat(40)]);
  });

  it.each(ENDINGS)('treats %j as a sentence ending', (ending) => {
    const text = `${'a'.repeat(80)}${ending}${'b'.repeat(40)}`;
    expect(smartChunk(text, { size: 100, lookBack: 50 })[0]).toBe(`${'a'.repeat(80)}${ending}`);
  });

  it('does not treat other punctuation or a lone newline as an ending', () => {
    const text = `${'a'.repeat(60)}, ${'b'.repeat(10)};\n${'c'.repeat(10)}\n${'d'.repeat(40)}`;
    expect(smartChunk(text, { size: 100, lookBack: 50 })[0]?.length).toBe(100);
  });

  it('keeps surrogate pairs whole on a hard cut', () => {
    const text = `${'a'.repeat(99)}😀${'b'.repeat(10)}`;
    const chunks = smartChunk(text, { size: 100, lookBack: 50 });
    expect(chunks).toEqual(['a'.repeat(99), `😀${'b'.repeat(10)}`]);
  });

  it('returns no chunks for empty text', () => {
    expect(smartChunk('')).toEqual([]);
  });

  it('uses 30 000 and 500 by default', () => {
    // The first ending starts 600 units before the limit, outside the default window: hard cut.
    // The second ends 300 units before the next limit (60 000), inside it.
    const text = `${'a'.repeat(29_400)}. ${'b'.repeat(30_298)}. ${'c'.repeat(1_000)}`;
    expect(smartChunk(text).map((chunk) => chunk.length)).toEqual([30_000, 29_702, 1_000]);
  });

  it('shrinks the default lookBack to size when size is smaller than 500', () => {
    const text = `ab. ${'c'.repeat(20)}`;
    expect(smartChunk(text, { size: 10 })).toEqual(['ab. ', 'c'.repeat(10), 'c'.repeat(10)]);
  });
});

describe('smartChunk options', () => {
  it.each([
    [{ size: 0 }, 'size'],
    [{ size: 1.5 }, 'size'],
    [{ size: Number.NaN }, 'size'],
    [{ size: Number.POSITIVE_INFINITY }, 'size'],
    [{ size: 100, lookBack: -1 }, 'lookBack'],
    [{ size: 100, lookBack: 101 }, 'lookBack'],
    [{ size: 100, lookBack: 2.5 }, 'lookBack'],
    [{ lookBack: 30_001 }, 'lookBack'],
  ])('rejects %j naming %s', (options, option) => {
    let thrown: unknown;
    try {
      smartChunk('some text', options);
    } catch (error) {
      thrown = error;
    }
    expect(ConfigurationError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ component: 'web_scraper', option });
  });

  it('accepts the bounds', () => {
    expect(smartChunk('abc', { size: 1, lookBack: 0 })).toEqual(['a', 'b', 'c']);
    expect(smartChunk('a. b', { size: 3, lookBack: 3 })).toEqual(['a. ', 'b']);
  });
});
