import { describe, expect, it } from 'vitest';
import { plainText, toSearchResults } from '../../src/search/to-search-results.js';

describe('plainText', () => {
  it.each([
    ['The <strong>engine</strong> &amp; the <em>notes</em>', 'The engine & the notes'],
    ['a < b and c > d', 'a < b and c > d'],
    ['&lt;tag&gt; &quot;q&quot; &#39;s&#x27; &nbsp;x', '<tag> "q" \'s\' x'],
    ['&unknown; &#0; &#x110000;', '&unknown; &#0; &#x110000;'],
    ['  line\n\tbreaks   everywhere ', 'line breaks everywhere'],
    [null, ''],
    [undefined, ''],
  ])('%j becomes %j', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });

  it('cuts long text with an ellipsis', () => {
    expect(plainText('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('toSearchResults', () => {
  it('keeps http(s) hits up to the limit, skipping others without using a place', () => {
    const hits = [
      { url: 'data:text/html,hi' },
      { url: ' https://example.org/a ', title: 'A' },
      { url: undefined },
      { url: 'HTTP://EXAMPLE.ORG/b', snippet: 'b' },
      { url: 'https://example.org/c' },
    ];
    expect(toSearchResults(hits, 2)).toEqual([
      { url: 'https://example.org/a', title: 'A', snippet: '' },
      { url: 'http://example.org/b', title: '', snippet: 'b' },
    ]);
  });

  it('caps snippets at 1,000 characters', () => {
    const [result] = toSearchResults([{ url: 'https://example.org/', snippet: 'word '.repeat(500) }], 1);
    expect(result?.snippet.length).toBe(1000);
  });
});
