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
  it('drops a sole candidate the evidence contradicts: another ORCID, or another institution than the input states', () => {
    const unknownOrcid = { orcids: ['0000-0003-4422-7189'], affiliations: [], interest: 'catalysis' };
    expect(chooseAuthor([bristol], unknownOrcid)).toEqual({
      chosen: [],
      droppedAsNamesake: 1,
      basis: 'ambiguous',
    });
    const elsewhere = { orcids: [], affiliations: ['University of Leeds'], interest: 'catalysis' };
    expect(chooseAuthor([bristol], elsewhere)).toEqual({
      chosen: [],
      droppedAsNamesake: 1,
      basis: 'ambiguous',
    });
    // A candidate whose ORCID or institution is unknown is not contradicted.
    const noInstitution = { ...leeds, institutions: [] };
    expect(chooseAuthor([noInstitution], elsewhere).basis).toBe('sole-candidate');
  });

  it('takes an institution the pages name, but only when it tells the candidates apart', () => {
    const evidence = { orcids: [], affiliations: [], interest: 'nothing shared', pageText: '' };
    const onPages = (pageText: string) => chooseAuthor([bristol, leeds], { ...evidence, pageText });
    expect(onPages('Jane Doe is a reader at the University of Leeds.')).toMatchObject({
      chosen: [leeds],
      basis: 'institution-on-pages',
    });
    expect(onPages('PhD, University of Bristol; now at the University of Leeds.').basis).toBe('ambiguous');
  });

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
