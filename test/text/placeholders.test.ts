import { describe, expect, it } from 'vitest';
import { extractPlaceholders, mergePlaceholders, placeholderKey } from '../../src/text/placeholders.js';

const template =
  'Dear {{name}},\n\nI read [Paper Title] and {{ research_topic }}. See [1] and [docs](https://x.y). {{name}} again.\n[Your Name]';

describe('placeholders', () => {
  it('finds mustache and bracket placeholders in template order, once each, skipping citations and links', () => {
    expect(extractPlaceholders(template)).toEqual([
      '{{name}}',
      '[Paper Title]',
      '{{ research_topic }}',
      '[Your Name]',
    ]);
  });

  it('keys placeholders whatever their brackets', () => {
    expect(placeholderKey('{{ First_Name }}')).toBe('first name');
    expect(placeholderKey('[first name]')).toBe('first name');
  });

  it('merges the model list into the local one: union, template order, no duplicates', () => {
    const local = extractPlaceholders(template);
    const merged = mergePlaceholders(template, local, [
      'research_topic',
      '[Your Name]',
      '{{university}}',
      'name',
    ]);
    expect(merged).toEqual([
      '{{name}}',
      '[Paper Title]',
      '{{ research_topic }}',
      '[Your Name]',
      '{{university}}',
    ]);
  });

  it('places a model placeholder found verbatim at its position in the template', () => {
    const text = 'Hello RECIPIENT, I study TOPIC.';
    expect(mergePlaceholders(text, [], ['TOPIC', 'RECIPIENT'])).toEqual(['RECIPIENT', 'TOPIC']);
  });
});
