import { words } from '../../text/normalize.js';
import { parsePersonName } from '../../text/person-name.js';
import { extractPlaceholders, placeholderKey } from '../../text/placeholders.js';

/** The name the fake signs with: it writes for no real sender. */
export const FAKE_SENDER_NAME = 'Sam Student';

/** A paper as the composer prompt lists it. */
export interface ListedPaper {
  title: string;
  year: number;
}

/** What the fake fills placeholders from. */
export interface FillMaterial {
  recipientName: string;
  recipientInterest: string;
  /** Best first, as the composer prompt lists them. */
  papers: readonly ListedPaper[];
}

/** A placeholder's text; `title` marks a paper title, which is quoted unless the template quotes it. */
interface Filling {
  text: string;
  title?: boolean;
}

function namePart(name: string, part: 'given' | 'family'): string {
  const parsed = parsePersonName(name);
  const wanted = part === 'family' ? parsed.family : parsed.given.slice(0, 1);
  const tokens = name
    .replaceAll(',', ' ')
    .split(/\s+/)
    .filter((token) => {
      const tokenWords = words(token);
      return tokenWords.length > 0 && tokenWords.every((word) => wanted.includes(word));
    });
  return tokens.length > 0 ? tokens.join(' ') : name;
}

/**
 * What one placeholder becomes, by its name: the sender's name, the first paper's title, the
 * recipient's name (or family or given name), or their interest. Undefined for what the fake
 * cannot know (`[Your University]`): it leaves those as written, and the email's check says so.
 */
function filling(token: string, material: FillMaterial): Filling | undefined {
  const key = placeholderKey(token);
  const has = (pattern: RegExp) => pattern.test(key);
  if (has(/\b(your|my|sender|student)\b/)) return has(/\bname\b/) ? { text: FAKE_SENDER_NAME } : undefined;
  if (has(/\b(signature|sign off)\b/)) return { text: FAKE_SENDER_NAME };
  if (has(/\b(papers?|publications?|articles?|title|reference|preprint)\b/)) {
    const [paper] = material.papers;
    return paper === undefined ? { text: 'your recent work' } : { text: paper.title, title: true };
  }
  if (has(/\b(name|surname|professor|prof|recipient|dr)\b/)) {
    if (has(/\b(last|family|surname)\b/)) return { text: namePart(material.recipientName, 'family') };
    if (has(/\b(first|given)\b/)) return { text: namePart(material.recipientName, 'given') };
    return { text: material.recipientName };
  }
  if (has(/\b(research|area|interests?|field|topic|subject|work)\b/)) {
    return { text: material.recipientInterest };
  }
  return undefined;
}

/** Replaces one placeholder everywhere in `text`; a title gets quotes unless the text quotes it already. */
export function fillPlaceholder(text: string, token: string, material: FillMaterial): string {
  const value = filling(token, material);
  if (value === undefined) return text;
  if (!value.title) return text.replaceAll(token, value.text);
  return text
    .replaceAll(`"${token}"`, `"${value.text}"`)
    .replaceAll(`“${token}”`, `“${value.text}”`)
    .replaceAll(token, `"${value.text}"`);
}

/** The template with every placeholder the fake can fill filled (see {@link fillPlaceholder}). */
export function fillTemplate(template: string, material: FillMaterial): string {
  return extractPlaceholders(template).reduce(
    (text, token) => fillPlaceholder(text, token, material),
    template,
  );
}
