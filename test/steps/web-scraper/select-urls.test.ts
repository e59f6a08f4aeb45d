import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/index.js';
import type { SearchResult } from '../../../src/search/index.js';
import {
  isScrapableUrl,
  MAX_SEARCH_TERMS,
  normalizeUrl,
  selectUrls,
} from '../../../src/steps/web-scraper/select-urls.js';

const result = (url: string, title = ''): SearchResult => ({ url, title, snippet: '' });
const urls = (results: readonly SearchResult[]) => results.map((entry) => entry.url);

describe('normalizeUrl', () => {
  it.each([
    ['HTTPS://Example.ORG:443/People/?utm_source=x&b=2&a=1#bio', 'https://example.org/People?a=1&b=2'],
    ['http://example.org:80', 'http://example.org/'],
    ['http://example.org:8080/', 'http://example.org:8080/'],
    ['https://example.org/a/?fbclid=1', 'https://example.org/a'],
    ['https://example.org/a///', 'https://example.org/a'],
    ['https://example.org//', 'https://example.org/'],
    ['https://example.org/?ref=hn', 'https://example.org/'],
    [
      'https://example.org/page?id=3&UTM_Medium=x&gclid=y&mc_cid=1&mc_eid=2&igshid=3&si=4&ref_src=5&fbclid=6',
      'https://example.org/page?id=3',
    ],
    ['https://example.org/a?tag=2&tag=1&b=0', 'https://example.org/a?b=0&tag=2&tag=1'],
    ['https://example.org/search?q=a%20b', 'https://example.org/search?q=a+b'],
    ['https://user:secret@example.org/', 'https://example.org/'],
    ['https://example.org./x', 'https://example.org/x'],
    ['  https://example.org/x  ', 'https://example.org/x'],
    ['https://example.org/Case/Kept', 'https://example.org/Case/Kept'],
    ['ftp://example.org/', undefined],
    ['mailto:ada@example.org', undefined],
    ['javascript:alert(1)', undefined],
    ['/relative/path', undefined],
    ['not a url', undefined],
    ['', undefined],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string(), messyUrl),
        (input) => {
          const once = normalizeUrl(input);
          if (once !== undefined) expect(normalizeUrl(once)).toBe(once);
        },
      ),
    );
  });

  it('ignores fragments, tracking parameters and parameter order', () => {
    fc.assert(
      fc.property(
        fc.webUrl(),
        fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'id', 'page'), fc.string()), {
          selector: ([name]) => name,
        }),
        fc.constantFrom('utm_source', 'utm_campaign', 'gclid', 'fbclid', 'ref'),
        fc.string(),
        (base, params, tracker, fragment) => {
          const url = new URL(base);
          url.hash = '';
          url.search = new URLSearchParams(params).toString();
          const messy = new URL(url.href);
          messy.search = new URLSearchParams([...[...params].reverse(), [tracker, 'x']] as [
            string,
            string,
          ][]).toString();
          messy.hash = fragment;
          expect(normalizeUrl(messy.href)).toBe(normalizeUrl(url.href));
        },
      ),
    );
  });
});

describe('isScrapableUrl', () => {
  it.each([
    ['https://www.youtube.com/watch?v=abc', false],
    ['https://m.youtube.com/watch?v=abc', false],
    ['https://youtu.be/abc', false],
    ['https://player.vimeo.com/video/1', false],
    ['https://www.tiktok.com/@ada', false],
    ['https://www.dailymotion.com/video/x1', false],
    ['https://clips.twitch.tv/abc', false],
    ['https://notyoutube.com/watch', true],
    ['https://youtube.com.example.org/', true],
    ['https://example.org/paper.pdf', false],
    ['https://example.org/Paper.PDF', false],
    ['https://example.org/slides.pptx', false],
    ['https://example.org/data.tar.gz', false],
    ['https://example.org/photo.jpeg', false],
    ['https://example.org/table.csv', false],
    ['https://example.org/feed.xml', false],
    ['https://example.org/talk.mp4', false],
    ['https://example.org/notes.ps', false],
    ['https://example.org/', true],
    ['https://example.org/page.html', true],
    ['https://example.org/index.php?id=3', true],
    ['https://example.org/v1.2/about', true],
    ['https://example.org/download?file=paper.pdf', true],
    ['ftp://example.org/index.html', false],
  ])('%s -> %s', (url, expected) => {
    expect(isScrapableUrl(new URL(url))).toBe(expected);
  });
});

describe('selectUrls', () => {
  it('takes the first two usable results of each term, up to five pages', () => {
    const terms = [0, 1, 2].map((term) =>
      [0, 1, 2, 3].map((index) => result(`https://t${term}.example.org/${index}`)),
    );
    const { selected, skipped } = selectUrls(terms);
    expect(urls(selected)).toEqual([
      'https://t0.example.org/0',
      'https://t0.example.org/1',
      'https://t1.example.org/0',
      'https://t1.example.org/1',
      'https://t2.example.org/0',
    ]);
    expect(skipped.filter((entry) => entry.reason === 'over-limit')).toHaveLength(7);
    expect(skipped.every((entry) => entry.reason === 'over-limit')).toBe(true);
  });

  it('lets a skipped result not use a place: the next usable one is taken', () => {
    const { selected, skipped } = selectUrls([
      [
        result('https://www.youtube.com/watch?v=1'),
        result('https://example.org/cv.pdf'),
        result('mailto:ada@example.org'),
        result('https://example.org/a', 'A'),
        result('https://example.org/a/#bio'),
        result('https://example.org/b', 'B'),
        result('https://example.org/c'),
      ],
    ]);
    expect(selected).toEqual([result('https://example.org/a', 'A'), result('https://example.org/b', 'B')]);
    expect(skipped).toEqual([
      { url: 'https://www.youtube.com/watch?v=1', reason: 'video-site' },
      { url: 'https://example.org/cv.pdf', reason: 'file-type' },
      { url: 'mailto:ada@example.org', reason: 'invalid-url' },
      { url: 'https://example.org/a/#bio', reason: 'duplicate' },
      { url: 'https://example.org/c', reason: 'over-limit' },
    ]);
  });

  it('de-duplicates across terms after normalising, and keeps the URL the provider gave', () => {
    const { selected, skipped } = selectUrls([
      [result('https://Example.org/Lab/?utm_source=brave'), result('https://example.org/people')],
      [
        result('https://example.org/Lab#team'),
        result('https://example.org/news'),
        result('https://example.org/x'),
      ],
    ]);
    expect(urls(selected)).toEqual([
      'https://Example.org/Lab/?utm_source=brave',
      'https://example.org/people',
      'https://example.org/news',
      'https://example.org/x',
    ]);
    expect(skipped).toEqual([{ url: 'https://example.org/Lab#team', reason: 'duplicate' }]);
  });

  it('does not list as skipped a result cut by one term’s cap but picked from a later term', () => {
    const { selected, skipped } = selectUrls(
      [
        [result('https://example.org/a'), result('https://example.org/shared')],
        [result('https://example.org/shared/')],
      ],
      { maxPerTerm: 1 },
    );
    expect(urls(selected)).toEqual(['https://example.org/a', 'https://example.org/shared/']);
    expect(skipped).toEqual([]);
  });

  it('honours its options, copies what it picks, and refuses unusable options', () => {
    const terms = [
      [result('https://example.org/1'), result('https://example.org/2'), result('https://example.org/3')],
    ];
    const { selected } = selectUrls(terms, { maxPerTerm: 3, maxPages: 2 });
    expect(urls(selected)).toEqual(['https://example.org/1', 'https://example.org/2']);
    expect(selected[0]).not.toBe(terms[0]?.[0]);
    expect(selectUrls([])).toEqual({ selected: [], skipped: [] });
    for (const options of [
      { maxPerTerm: 0 },
      { maxPages: 0 },
      { maxPages: 1.5 },
      { maxPerTerm: Number.NaN },
    ]) {
      expect(() => selectUrls(terms, options)).toThrow(ConfigurationError);
    }
  });

  it('keeps its promises for any results', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(messyResult, { maxLength: 8 }), { maxLength: MAX_SEARCH_TERMS }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (terms, maxPerTerm, maxPages) => {
          const { selected, skipped } = selectUrls(terms, { maxPerTerm, maxPages });
          const keys = selected.map((entry) => normalizeUrl(entry.url));
          // No two picked pages are the same page, and every picked page can be read.
          expect(new Set(keys).size).toBe(selected.length);
          for (const entry of selected) expect(isScrapableUrl(new URL(entry.url))).toBe(true);
          expect(selected.length).toBeLessThanOrEqual(Math.min(maxPages, maxPerTerm * terms.length));
          // Every input is accounted for: picked, skipped, or the same page as one picked.
          const all = terms.flat();
          expect(selected.length + skipped.length).toBeLessThanOrEqual(all.length);
          const pickedKeys = new Set(keys);
          const skippedUrls = new Set(skipped.map((entry) => entry.url));
          for (const entry of all) {
            const accounted = skippedUrls.has(entry.url) || pickedKeys.has(normalizeUrl(entry.url));
            expect(accounted).toBe(true);
          }
          // Within a term, skipped results take no place: it gives as many as its cap, the total
          // cap and its distinct readable pages allow.
          for (const term of terms) {
            const usable = new Set(
              term
                .map((entry) => normalizeUrl(entry.url))
                .filter((key) => key !== undefined && isScrapableUrl(new URL(key))),
            );
            const alone = selectUrls([term], { maxPerTerm, maxPages });
            expect(alone.selected).toHaveLength(Math.min(maxPerTerm, maxPages, usable.size));
          }
        },
      ),
    );
  });
});

/** URLs from a small pool, so duplicates, video sites, files and junk come up often. */
const messyUrl = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTPS', 'ftp'),
    fc.constantFrom(
      'example.org',
      'EXAMPLE.org',
      'example.org.',
      'lab.example.org',
      'www.youtube.com',
      'youtu.be',
    ),
    fc.constantFrom('', ':443', ':80', ':8080'),
    fc.constantFrom('/', '', '/a', '/a/', '/a//', '/paper.pdf', '/b/index.html', '/clip.MP4'),
    fc.constantFrom('', '?utm_source=x', '?a=1&b=2', '?b=2&a=1', '?ref=x&a=1', '?q=a%20b', '?q=a+b'),
    fc.constantFrom('', '#top', '#'),
  )
  .map(
    ([scheme, host, port, path, query, fragment]) => `${scheme}://${host}${port}${path}${query}${fragment}`,
  );

const messyResult = fc
  .oneof(
    { weight: 9, arbitrary: messyUrl },
    { weight: 1, arbitrary: fc.constantFrom('not a url', '', '/relative') },
  )
  .map((url) => result(url));
