import type { TemplateType } from '../../core/template-type.js';
import type { ParserAnswer } from '../../steps/template-parser/answer-schema.js';
import { extractPlaceholders } from '../../text/placeholders.js';
import { headerValue, taggedBlock } from './prompt-sections.js';

// The parser's rule: a search term is at most 200 characters.
const MAX_TERM_CHARS = 200;
const HONORIFIC = /^(dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?$/i;
// The second query widens the first the way a person would, by what the email is about.
const WIDER_QUERY: Record<TemplateType, string> = {
  research: 'publications',
  book: 'book',
  general: 'profile',
};

/** Research when it speaks of papers, else a book when it speaks of one, else research, else general. */
export function classifyTemplate(template: string): TemplateType {
  if (/\b(papers?|publications?|preprints?|articles?)\b/i.test(template)) return 'research';
  if (/\b(books?|novels?)\b/i.test(template)) return 'book';
  if (/\bresearch/i.test(template)) return 'research';
  return 'general';
}

/** The name as a person would type it into a search box: no title, no comma order. */
export function searchableName(recipientName: string): string {
  const comma = recipientName.indexOf(',');
  const ordered =
    comma > 0 ? `${recipientName.slice(comma + 1)} ${recipientName.slice(0, comma)}` : recipientName;
  return ordered
    .split(/\s+/)
    .filter((token) => token !== '' && !HONORIFIC.test(token))
    .join(' ');
}

function cutAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf(' ', maxChars);
  return text.slice(0, cut > 0 ? cut : maxChars);
}

/**
 * The template parser's answer: the template's type and placeholders, and two searches naming
 * the recipient, one with their interest and one wider (`publications`, `book` or `profile`).
 */
export function parserAnswer(prompt: string): ParserAnswer {
  const template = taggedBlock(prompt, 'template') ?? '';
  const name = searchableName(headerValue(prompt, 'Recipient'));
  const interest = headerValue(prompt, "Recipient's research interest");
  const templateType = classifyTemplate(template);
  const terms = [`${name} ${interest}`, `${name} ${WIDER_QUERY[templateType]}`].map((term) =>
    cutAtWord(term.trim(), MAX_TERM_CHARS),
  );
  return {
    templateType,
    searchTerms: [...new Set(terms)],
    placeholders: extractPlaceholders(template),
  };
}
