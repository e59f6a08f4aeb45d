import { describe, expect, it } from 'vitest';
import { type AuthorCandidate, chooseAuthor, findOrcids } from '../../src/papers/choose-author.js';
import { rebuildAbstract } from '../../src/papers/rebuild-abstract.js';

const bristol: AuthorCandidate = {
  source: 'openalex',
  id: 'A1',
  name: 'Jane Doe',
  orcid: '0000-0002-1825-0097',
  institutions: ['University of Bristol'],
  topics: ['Asymmetric catalysis', 'Organic synthesis'],
};
const leeds: AuthorCandidate = {
  source: 'openalex',
  id: 'A2',
  name: 'Jane Doe',
  institutions: ['University of Leeds'],
  topics: ['Medieval history', 'Monastic archives'],
};

describe('chooseAuthor', () => {
  it('keeps the ORCID match and drops the namesake, even against the institution', () => {
    const choice = chooseAuthor([leeds, bristol], {
      orcids: ['https://orcid.org/0000-0002-1825-0097'],
      affiliations: ['University of Leeds'],
      interest: 'anything',
    });
    expect(choice).toEqual({ chosen: [bristol], droppedAsNamesake: 1, basis: 'orcid' });
  });

  it('falls back to the institution, matching a department line', () => {
    const choice = chooseAuthor([bristol, leeds], {
      orcids: [],
      affiliations: ['School of History, University of Leeds'],
      interest: 'catalysis',
    });
    expect(choice).toEqual({ chosen: [leeds], droppedAsNamesake: 1, basis: 'institution' });
  });

  it('uses topic overlap when nothing else is known', () => {
    const choice = chooseAuthor([leeds, bristol], {
      orcids: [],
      affiliations: [],
      interest: 'asymmetric catalysis',
    });
    expect(choice).toEqual({ chosen: [bristol], droppedAsNamesake: 1, basis: 'topic' });
  });

  it('keeps nobody rather than guess when no candidate is clearly right', () => {
    const choice = chooseAuthor([leeds, bristol], {
      orcids: [],
      affiliations: ['MIT'],
      interest: 'quantum gravity',
    });
    expect(choice).toEqual({ chosen: [], droppedAsNamesake: 2, basis: 'ambiguous' });
  });

  it('keeps a sole candidate when no evidence contradicts it', () => {
    expect(chooseAuthor([leeds], { orcids: [], affiliations: [], interest: 'x' }).basis).toBe(
      'sole-candidate',
    );
    expect(chooseAuthor([], { orcids: [], affiliations: [], interest: 'x' }).basis).toBe('no-candidates');
  });
});

describe('findOrcids', () => {
  it('finds checksum-valid iDs only, once each', () => {
    expect(
      findOrcids(
        'ORCID https://orcid.org/0000-0002-1825-0097, again 0000-0002-1825-0097, bad 0000-0002-1825-0098',
      ),
    ).toEqual(['0000-0002-1825-0097']);
  });
});

describe('rebuildAbstract', () => {
  it('puts inverted-index words back in order and ignores absurd positions', () => {
    expect(rebuildAbstract({ world: [1, 3], Hello: [0], again: [2], huge: [10_000_000] })).toBe(
      'Hello world again world',
    );
    expect(rebuildAbstract(null)).toBe('');
  });
});
