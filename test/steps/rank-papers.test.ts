import { describe, expect, it } from 'vitest';
import { isSameAuthor } from '../../src/papers/arxiv/author-match.js';
import { type ArxivEntry, parseArxivFeed, rankPapers } from '../../src/papers/index.js';
import { arxivFixture } from '../helpers/fake-arxiv-server.js';

const now = new Date('2026-11-28T00:00:00Z');

function entry(overrides: Partial<ArxivEntry>): ArxivEntry {
  return {
    id: 'x',
    versionedId: 'xv1',
    title: 'Untitled',
    abstract: '',
    authors: [{ name: 'Ada Lovelace', affiliations: [] }],
    published: '2025-01-01T00:00:00Z',
    updated: '2025-01-01T00:00:00Z',
    primaryCategory: undefined,
    categories: [],
    abstractUrl: 'https://arxiv.org/abs/x',
    pdfUrl: undefined,
    doi: undefined,
    journalRef: undefined,
    comment: undefined,
    ...overrides,
  };
}

describe('isSameAuthor', () => {
  it.each([
    ['Ada Lovelace', 'Ada Lovelace', true],
    ['A. Lovelace', 'Dr. Ada Lovelace', true],
    ['Lovelace, Ada', 'Ada Lovelace', true],
    ['Ada King Lovelace', 'Ada Lovelace', true],
    ['Geoffrey E. Hinton', 'Geoffrey Hinton', true],
    ['G. Hinton', 'Prof. Geoffrey Hinton', true],
    ['José Garcia-Lopez', 'José García-López', true],
    ['Jose Garcia Lopez', 'José García-López', true],
    ['Lovelace', 'Ada Lovelace', true],
    ['Bob Lovelace', 'Ada Lovelace', false],
    ['Ada Lovelace-Smith', 'Ada Lovelace', false],
    ['Ada Byron', 'Ada Lovelace', false],
    ['Charles Babbage', 'Ada Lovelace', false],
  ])('%s is %s: %s', (candidate, recipient, expected) => {
    expect(isSameAuthor(candidate, recipient)).toBe(expected);
  });
});

describe('rankPapers', () => {
  it('drops namesakes and old papers and counts them', () => {
    const { entries } = parseArxivFeed(arxivFixture('lovelace'));
    const ranked = rankPapers({
      entries,
      recipientName: 'Dr. Ada Lovelace',
      recipientInterest: 'analytical engines',
      now,
    });
    expect(ranked.papers.map((paper) => paper.id)).toEqual(['2401.00001', '2210.11111']);
    expect(ranked.droppedAsNamesake).toBe(1);
    expect(ranked.droppedAsOld).toBe(1);
  });

  it('orders by relevance to the interest before recency', () => {
    const ranked = rankPapers({
      entries: [
        entry({ id: 'recent-off-topic', title: 'Weaving Looms', published: '2026-10-01T00:00:00Z' }),
        entry({
          id: 'older-on-topic',
          title: 'Analytical Engines for Music',
          published: '2019-01-01T00:00:00Z',
        }),
        entry({
          id: 'abstract-only',
          title: 'Notes',
          abstract: 'We study analytical engines.',
          published: '2019-01-01T00:00:00Z',
        }),
      ],
      recipientName: 'Ada Lovelace',
      recipientInterest: 'analytical engines',
      now,
    });
    expect(ranked.papers.map((paper) => paper.id)).toEqual([
      'older-on-topic',
      'abstract-only',
      'recent-off-topic',
    ]);
    const [first, second] = ranked.papers;
    expect(first?.score).toBeGreaterThan(second?.score ?? 1);
  });

  it('uses recency when relevance ties, and keeps arXiv order on a full tie', () => {
    const ranked = rankPapers({
      entries: [
        entry({ id: 'first-old', title: 'Engines', published: '2020-01-01T00:00:00Z' }),
        entry({ id: 'new', title: 'Engines', published: '2025-01-01T00:00:00Z' }),
        entry({ id: 'second-old', title: 'Engines', published: '2020-01-01T00:00:00Z' }),
      ],
      recipientName: 'Ada Lovelace',
      recipientInterest: 'engines',
      now,
    });
    expect(ranked.papers.map((paper) => paper.id)).toEqual(['new', 'first-old', 'second-old']);
  });

  it('keeps the top five, honours a custom age limit, and is pure', () => {
    const entries = Array.from({ length: 8 }, (_, index) =>
      entry({
        id: `p${index}`,
        title: `Engine study ${index}`,
        published: `${2018 + index}-06-01T00:00:00Z`,
      }),
    );
    const options = { entries, recipientName: 'Ada Lovelace', recipientInterest: 'engine', now };
    const ranked = rankPapers(options);
    expect(ranked.papers.map((paper) => paper.id)).toEqual(['p7', 'p6', 'p5', 'p4', 'p3']);
    expect(rankPapers(options)).toEqual(ranked);
    expect(rankPapers({ ...options, maxAgeYears: 3 }).droppedAsOld).toBe(6);
  });

  it('returns papers as the composer and the saved record need them', () => {
    const { entries } = parseArxivFeed(arxivFixture('lovelace'));
    const [paper] = rankPapers({
      entries,
      recipientName: 'Ada Lovelace',
      recipientInterest: 'symbolic music',
      now,
    }).papers;
    expect(paper).toEqual({
      id: '2401.00001',
      title: 'Symbolic Computation on Analytical Engines',
      abstract: expect.stringContaining('manipulate symbols'),
      authors: ['Ada Lovelace', 'Charles Babbage'],
      year: 2024,
      published: '2024-01-02T09:30:00Z',
      abstractUrl: 'https://arxiv.org/abs/2401.00001v3',
      pdfUrl: 'https://arxiv.org/pdf/2401.00001v3',
      doi: '10.1000/engines.2024.1',
      venue: 'J. Engines 1 (2024) 1-12',
      sources: ['arxiv'],
      sourceIds: { arxiv: '2401.00001' },
      score: expect.any(Number),
    });
  });
});
