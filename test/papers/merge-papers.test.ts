import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { mergePapers } from '../../src/papers/merge-papers.js';
import { citationId, normalizeDoi } from '../../src/papers/paper-identity.js';

function paper(overrides: Partial<Paper>): Paper {
  return {
    id: 'x',
    title: 'Catalytic asymmetric synthesis of chiral amines',
    abstract: '',
    authors: ['Ada Lovelace'],
    year: 2024,
    published: '2024-03-01',
    abstractUrl: 'https://example.org/x',
    ...overrides,
  };
}

describe('normalizeDoi', () => {
  it('strips resolver prefixes and lower-cases', () => {
    expect(normalizeDoi('https://doi.org/10.1038/NATURE12373')).toBe('10.1038/nature12373');
    expect(normalizeDoi('doi:10.1000/ABC')).toBe('10.1000/abc');
    expect(normalizeDoi('not a doi')).toBeUndefined();
  });
});

describe('citationId', () => {
  it('prefers the arXiv id, then the DOI, then a source-prefixed id', () => {
    expect(
      citationId({ id: 'x', sourceIds: { arxiv: '2202.12139', openalex: 'W1' }, doi: '10.1000/a' }),
    ).toBe('2202.12139');
    expect(citationId({ id: 'x', sourceIds: { openalex: 'W1' }, doi: '10.1000/A' })).toBe('doi:10.1000/a');
    expect(citationId({ id: 'x', sourceIds: { semantic_scholar: 'abc' } })).toBe('semantic_scholar:abc');
  });
});

describe('mergePapers', () => {
  it('joins records sharing a DOI and keeps the richest fields and every source id', () => {
    const merged = mergePapers([
      paper({
        id: 'openalex:W1',
        sources: ['openalex'],
        sourceIds: { openalex: 'W1' },
        doi: '10.1000/ABC',
        abstract: 'Short.',
      }),
      paper({
        id: 'crossref:10.1000/abc',
        title: 'A different rendering of the title entirely here',
        sources: ['crossref'],
        sourceIds: { crossref: '10.1000/abc' },
        doi: 'https://doi.org/10.1000/abc',
        venue: 'Journal of the American Chemical Society',
      }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      id: 'doi:10.1000/abc',
      doi: '10.1000/abc',
      abstract: 'Short.',
      venue: 'Journal of the American Chemical Society',
      sources: ['openalex', 'crossref'],
      sourceIds: { openalex: 'W1', crossref: '10.1000/abc' },
    });
  });

  it('joins an arXiv preprint with its journal version by title and cites it by the arXiv id', () => {
    const merged = mergePapers([
      paper({
        id: '2401.00001',
        published: '2024-01-02',
        abstract: 'The long preprint abstract, with details.',
      }),
      paper({
        id: 'semantic_scholar:s2',
        title: 'Catalytic Asymmetric Synthesis of Chiral Amines.',
        sources: ['semantic_scholar'],
        sourceIds: { semantic_scholar: 's2' },
        doi: '10.2000/j',
        published: '2024-06-01',
        abstract: 'Short.',
      }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      id: '2401.00001',
      doi: '10.2000/j',
      published: '2024-01-02',
      abstract: 'The long preprint abstract, with details.',
      sources: ['arxiv', 'semantic_scholar'],
    });
  });

  it('bridges two groups when a later record matches both, and keeps distinct papers apart with unique ids', () => {
    const merged = mergePapers([
      paper({
        id: 'openalex:W1',
        sources: ['openalex'],
        sourceIds: { openalex: 'W1' },
        doi: '10.1000/a',
        title: 'Title one of the first paper',
      }),
      paper({
        id: 'crossref:x',
        sources: ['crossref'],
        sourceIds: { crossref: '10.9000/z' },
        title: 'Another clearly different work here',
      }),
      paper({ id: '2402.1', title: 'Another clearly different work here', doi: '10.1000/a' }),
      paper({
        id: 'openalex:W9',
        sources: ['openalex'],
        sourceIds: { openalex: 'W9' },
        title: 'Unrelated study of river sediments',
      }),
    ]);
    expect(merged.map((item) => item.id)).toEqual(['2402.1', 'openalex:W9']);
    expect(merged[0]?.sources).toEqual(['openalex', 'arxiv', 'crossref']);
  });

  it('does not join papers on a short generic title', () => {
    const merged = mergePapers([
      paper({
        id: 'openalex:W1',
        sources: ['openalex'],
        sourceIds: { openalex: 'W1' },
        title: 'Introduction',
      }),
      paper({
        id: 'openalex:W2',
        sources: ['openalex'],
        sourceIds: { openalex: 'W2' },
        title: 'Introduction',
      }),
    ]);
    expect(merged).toHaveLength(2);
  });
});
