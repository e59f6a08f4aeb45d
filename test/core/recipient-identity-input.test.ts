import { describe, expect, it } from 'vitest';
import { normalizeOrcid } from '../../src/core/orcid.js';
import { InputValidationError, parsePipelineInput } from '../../src/index.js';
import { validInput } from '../helpers/pipeline.js';

function issuePaths(input: unknown): string[] {
  try {
    parsePipelineInput(input);
  } catch (error) {
    if (InputValidationError.isInstance(error)) return error.issues.map((issue) => issue.path);
    throw error;
  }
  return [];
}

describe('normalizeOrcid', () => {
  it('accepts bare, undashed and URL forms with a valid checksum', () => {
    expect(normalizeOrcid('0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normalizeOrcid('https://orcid.org/0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
    expect(normalizeOrcid('0000000218250097')).toBe('0000-0002-1825-0097');
  });

  it('rejects a wrong check character and malformed text', () => {
    expect(normalizeOrcid('0000-0002-1825-0098')).toBeUndefined();
    expect(normalizeOrcid('0000-0002-1825')).toBeUndefined();
    expect(normalizeOrcid('orcid please')).toBeUndefined();
  });
});

describe('recipientAffiliation and recipientOrcid input', () => {
  it('are optional and stored trimmed, the ORCID bare', () => {
    expect(parsePipelineInput(validInput()).recipientOrcid).toBeUndefined();
    const parsed = parsePipelineInput({
      ...validInput(),
      recipientAffiliation: '  University of Bristol ',
      recipientOrcid: ' https://orcid.org/0000-0002-1825-0097 ',
    });
    expect(parsed.recipientAffiliation).toBe('University of Bristol');
    expect(parsed.recipientOrcid).toBe('0000-0002-1825-0097');
  });

  it('name the field when the ORCID checksum is wrong or the affiliation too short', () => {
    expect(
      issuePaths({ ...validInput(), recipientOrcid: '0000-0002-1825-0098', recipientAffiliation: 'U' }),
    ).toEqual(['recipientAffiliation', 'recipientOrcid']);
  });
});
