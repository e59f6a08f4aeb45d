import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import { staticUrls } from '../../src/search/index.js';

describe('staticUrls', () => {
  it('answers the given pages whatever the query, in order, with titles and snippets', async () => {
    const search = staticUrls([
      'https://lovelace-lab.example.org',
      { url: 'https://example.org/people/ada', title: 'Ada Lovelace', snippet: 'Profile' },
    ]);
    const expected = [
      { url: 'https://lovelace-lab.example.org/', title: '', snippet: '' },
      { url: 'https://example.org/people/ada', title: 'Ada Lovelace', snippet: 'Profile' },
    ];
    expect(await search.search('anything', { limit: 5 })).toEqual(expected);
    expect(await search.search('something else', { limit: 5 })).toEqual(expected);
    expect(search.name).toBe('static-urls');
    // Tells the web scraper to ask once and take pages up to its page cap, not a few per term.
    expect(search.ignoresQuery).toBe(true);
  });

  it('obeys limit, keeping the first pages', async () => {
    const urls = Array.from({ length: 8 }, (_, index) => `https://example.org/page-${index}`);
    const results = await staticUrls(urls).search('q', { limit: 3 });
    expect(results.map((result) => result.url)).toEqual(urls.slice(0, 3));
  });

  it('hands out copies, so a caller editing results cannot change the next answer', async () => {
    const search = staticUrls(['https://example.org/a']);
    const [first] = await search.search('q', { limit: 1 });
    if (first) first.url = 'https://evil.example/';
    expect((await search.search('q', { limit: 1 }))[0]?.url).toBe('https://example.org/a');
  });

  it('rejects with the abort reason when the signal has fired', async () => {
    const reason = new Error('stop');
    await expect(
      staticUrls(['https://example.org/']).search('q', { limit: 1, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });

  it.each([
    [[], 'urls'],
    [['https://example.org/', 'javascript:alert(1)'], 'urls[1]'],
    [['not a url'], 'urls[0]'],
    [[{ title: 'no url' }], 'urls[0]'],
    [[null], 'urls[0]'],
  ])('refuses %j at construction, naming %s', (urls, option) => {
    let caught: unknown;
    try {
      staticUrls(urls as never);
    } catch (error) {
      caught = error;
    }
    expect(ConfigurationError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ component: 'static urls', option });
  });
});
