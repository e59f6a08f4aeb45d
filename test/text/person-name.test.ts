import { describe, expect, it } from 'vitest';
import { familyNameWords, parsePersonName } from '../../src/text/person-name.js';

describe('parsePersonName', () => {
  it.each([
    ['Marie Curie', { given: ['marie'], family: ['curie'] }],
    ['Dr. Marie Curie', { given: ['marie'], family: ['curie'] }],
    ['Prof. Dr. Marie Curie PhD', { given: ['marie'], family: ['curie'] }],
    ['Curie, Marie', { given: ['marie'], family: ['curie'] }],
    ['José García-López', { given: ['jose'], family: ['garcia', 'lopez'] }],
    ['Ludwig van Beethoven', { given: ['ludwig'], family: ['van', 'beethoven'] }],
    ['Geoffrey E. Hinton', { given: ['geoffrey', 'e'], family: ['hinton'] }],
    ['Zoë Ångström', { given: ['zoe'], family: ['angstrom'] }],
    ['Plato', { given: [], family: ['plato'] }],
  ])('%s', (name, expected) => {
    expect(parsePersonName(name)).toEqual(expected);
  });

  it('leaves particles out of the identifying family words', () => {
    expect(familyNameWords('Ludwig van Beethoven')).toEqual(['beethoven']);
  });
});
