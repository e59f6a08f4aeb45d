import { describe, expect, it } from 'vitest';
import { toRawExtraction } from '../../../src/web/browser/page-extraction.js';

describe('toRawExtraction', () => {
  it('keeps well-formed answers, capped at the limit', () => {
    expect(
      toRawExtraction(
        { title: 'T', heading: 'H', description: 'D', articleText: 'abcdef', bodyText: 'body text' },
        4,
      ),
    ).toEqual({ title: 'T', heading: 'H', description: 'D', articleText: 'abcd', bodyText: 'body' });
  });

  it('turns what a tampering page could return into empty fields, never into an error', () => {
    expect(toRawExtraction(null, 100)).toBeUndefined();
    expect(toRawExtraction('a string', 100)).toBeUndefined();
    expect(toRawExtraction(['title'], 100)).toBeUndefined();
    expect(
      toRawExtraction({ title: 42, heading: { toString: () => 'x' }, articleText: 7, bodyText: ['a'] }, 100),
    ).toEqual({ title: '', heading: '', description: '', articleText: null, bodyText: '' });
  });
});
