import { describe, expect, it } from 'vitest';
import { mentionsTitle, titleMentionScore } from '../../src/text/title-match.js';

describe('title matching', () => {
  it('matches a title quoted with different case, punctuation and plurals', () => {
    expect(
      mentionsTitle(
        'Graph Neural Networks for Molecular Property Prediction',
        'your paper on graph neural network for molecular property predictions',
      ),
    ).toBe(true);
  });

  it('does not match the same words scattered across a text', () => {
    const text =
      'Graph theory is neat. Later, neural ideas. Much later, molecular biology. Then property law. Finally prediction markets.';
    expect(titleMentionScore('Graph Neural Networks for Molecular Property Prediction', text)).toBeLessThan(
      0.75,
    );
  });

  it('needs a short title as a whole phrase', () => {
    expect(mentionsTitle('Deep Learning', 'I loved Deep Learning, your book.')).toBe(true);
    expect(mentionsTitle('Deep Learning', 'deep reinforcement learning')).toBe(false);
  });
});
