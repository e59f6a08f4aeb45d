import { normalizeText } from './normalize.js';

// `{{name}}`, `{{ research_topic }}`.
const MUSTACHE = /\{\{\s*([^{}\n]{1,80}?)\s*\}\}/g;
// `[Name]`, `[Your University]`; not `[1]` citations, not markdown links `[text](url)`.
const BRACKET = /\[([\p{L}][^[\]\n]{0,79})\](?!\()/gu;

interface Found {
  token: string;
  index: number;
}

/**
 * The placeholders a template contains, as written (`{{name}}`, `[Your Name]`), in template
 * order, each once.
 */
export function extractPlaceholders(template: string): string[] {
  const found: Found[] = [];
  for (const pattern of [MUSTACHE, BRACKET]) {
    for (const match of template.matchAll(pattern)) found.push({ token: match[0], index: match.index });
  }
  return unique(found.sort((a, b) => a.index - b.index).map((item) => item.token));
}

/** What a placeholder is called, whatever its brackets: `{{ First_Name }}` and `[first name]` are both `first name`. */
export function placeholderKey(token: string): string {
  return normalizeText(token.replace(/^\{\{|\}\}$|^\[|\]$/g, '').replace(/_/g, ' '));
}

/**
 * Merges the locally found placeholders with the model's: the union, in template order, without
 * duplicates (by `placeholderKey`). A model placeholder the template does not contain verbatim
 * is kept at the end, in the model's order.
 */
export function mergePlaceholders(
  template: string,
  local: readonly string[],
  fromModel: readonly string[],
): string[] {
  const byKey = new Map<string, Found>();
  for (const token of local) byKey.set(placeholderKey(token), { token, index: template.indexOf(token) });
  fromModel.forEach((token, order) => {
    const key = placeholderKey(token);
    if (key === '' || byKey.has(key)) return;
    const index = template.indexOf(token);
    byKey.set(key, { token, index: index >= 0 ? index : template.length + order });
  });
  return [...byKey.values()].sort((a, b) => a.index - b.index).map((item) => item.token);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
