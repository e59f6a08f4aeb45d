import { describe, expect, it } from 'vitest';
import { parseArxivFeed } from '../../src/papers/index.js';
import { arxivFixture } from '../helpers/fake-arxiv-server.js';

describe('parseArxivFeed', () => {
  const feed = parseArxivFeed(arxivFixture('lovelace'));

  it('reads the feed counts and every entry', () => {
    expect(feed).toMatchObject({ totalResults: 4, startIndex: 0, itemsPerPage: 15 });
    expect(feed.entries.map((entry) => entry.id)).toEqual([
      '2401.00001',
      'solv-int/9901001',
      '2305.04567',
      '2210.11111',
    ]);
  });

  it('reads a full entry: versions, collapsed text, authors with affiliations, links, categories, optional fields', () => {
    expect(feed.entries[0]).toEqual({
      id: '2401.00001',
      versionedId: '2401.00001v3',
      title: 'Symbolic Computation on Analytical Engines',
      abstract:
        'We show how the analytical engine can manipulate symbols as well as numbers, and discuss consequences for music & art.',
      authors: [
        { name: 'Ada Lovelace', affiliations: ['University of London', 'Analytical Society'] },
        { name: 'Charles Babbage', affiliations: [] },
      ],
      published: '2024-01-02T09:30:00Z',
      updated: '2024-03-05T10:00:00Z',
      primaryCategory: 'cs.SC',
      categories: ['cs.SC', 'math.HO'],
      abstractUrl: 'https://arxiv.org/abs/2401.00001v3',
      pdfUrl: 'https://arxiv.org/pdf/2401.00001v3',
      doi: '10.1000/engines.2024.1',
      journalRef: 'J. Engines 1 (2024) 1-12',
      comment: '12 pages, 3 figures',
    });
  });

  it('keeps old-style ids whole, removing only a trailing version', () => {
    expect(feed.entries[1]).toMatchObject({ id: 'solv-int/9901001', versionedId: 'solv-int/9901001v1' });
  });

  it('leaves missing optional fields undefined', () => {
    expect(feed.entries[2]).toMatchObject({
      pdfUrl: undefined,
      doi: undefined,
      journalRef: undefined,
      comment: undefined,
    });
  });

  it('reads by namespace, whatever the prefixes', () => {
    const xml = `<?xml version="1.0"?>
      <a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:os="http://a9.com/-/spec/opensearch/1.1/" xmlns:ax="http://arxiv.org/schemas/atom">
        <os:totalResults>1</os:totalResults><os:startIndex>0</os:startIndex><os:itemsPerPage>1</os:itemsPerPage>
        <a:entry>
          <a:published>2020-01-01T00:00:00Z</a:published><a:id>http://arxiv.org/abs/2001.00001v2</a:id>
          <a:title>Prefixed</a:title><a:summary>S</a:summary>
          <a:author><a:name>Ada Lovelace</a:name><ax:affiliation>London</ax:affiliation></a:author>
          <ax:primary_category term="cs.AI"/><ax:doi>10.1/x</ax:doi>
        </a:entry>
      </a:feed>`;
    expect(parseArxivFeed(xml)).toMatchObject({
      totalResults: 1,
      entries: [
        {
          id: '2001.00001',
          title: 'Prefixed',
          authors: [{ name: 'Ada Lovelace', affiliations: ['London'] }],
          primaryCategory: 'cs.AI',
          doi: '10.1/x',
          abstractUrl: 'https://arxiv.org/abs/2001.00001v2',
        },
      ],
    });
  });

  it('reads an empty result', () => {
    expect(parseArxivFeed(arxivFixture('empty'))).toEqual({
      totalResults: 0,
      startIndex: 0,
      itemsPerPage: 15,
      entries: [],
    });
  });

  it("turns arXiv's error feed into an error with arXiv's message", () => {
    expect(() => parseArxivFeed(arxivFixture('error'))).toThrow('incorrect id format for abc');
  });

  it('refuses malformed XML and documents that are not feeds', () => {
    expect(() => parseArxivFeed(arxivFixture('malformed'))).toThrow(SyntaxError);
    expect(() => parseArxivFeed('<html><body>Service Unavailable</body></html>')).toThrow(
      /expected an Atom feed/,
    );
  });
});
