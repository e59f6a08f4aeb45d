import type { TemplateType } from '../../core/template-type.js';
import { normalizeText } from '../../text/normalize.js';
import { familyNameWords } from '../../text/person-name.js';
import { extractPlaceholders } from '../../text/placeholders.js';
import { mentionsTitle, titleMentionScore } from '../../text/title-match.js';
import { numberTokens, titleCaseRuns } from './claims/claim-terms.js';
import { AI_TELLS, GENERIC_PHRASES } from './phrases.js';

/**
 * An email shorter than this many words is an issue for `validateEmail`: too thin to be personal.
 *
 * @example
 * ```ts
 * expect(data.finalEmail.split(/\s+/).length).toBeGreaterThanOrEqual(MIN_EMAIL_WORDS);
 * ```
 */
export const MIN_EMAIL_WORDS = 50;
/**
 * An email longer than this many characters is an issue for `validateEmail`, and a draft over it
 * is never kept.
 *
 * @example
 * ```ts
 * // A column of this size holds any email the composer returns.
 * await db.query(`ALTER TABLE outbox ALTER COLUMN body TYPE varchar(${MAX_EMAIL_CHARACTERS})`);
 * ```
 */
export const MAX_EMAIL_CHARACTERS = 10_000;

/** What an email is checked against. */
export interface EmailValidationInput {
  email: string;
  recipientName: string;
  emailTemplate: string;
  templateType?: TemplateType;
  /** The template's placeholders (the parser's list); the template's own are found either way. */
  placeholders?: readonly string[];
  /** Papers the email may cite. */
  papers?: readonly { title: string; year?: number; published?: string; abstract?: string }[];
  /** The recipient's stated interest: a number in it is not invented. */
  recipientInterest?: string;
  /** The web research summary: a title found there is not invented. */
  scrapedContent?: string;
  /** The text of each page the research read: a title or year found there is not invented. */
  pageTexts?: readonly string[];
}

/** What is wrong with an email. Issues make an attempt fail; warnings do not. */
export interface EmailValidationResult {
  issues: string[];
  warnings: string[];
  wordCount: number;
  /** Titles of the provided papers the email mentions. */
  mentionedPaperTitles: string[];
  genericPhraseCount: number;
}

// Quoted spans: straight or curly double quotes, curly single quotes (a straight ' is an apostrophe).
const QUOTED = /["“”„]([^"“”„\n]{8,240})["“”]|‘([^‘’\n]{8,240})’/g;

/**
 * Checks a drafted email deterministically: length, unfilled placeholders, the recipient named,
 * a provided paper mentioned (research templates), no title (quoted, or an unquoted run of
 * capitalised words) and no year that matches nothing we gave the model, generic phrases and
 * tells of generated text.
 *
 * @example
 * ```ts
 * const { issues, warnings } = validateEmail({ email, recipientName: 'Dr. Ada Lovelace', emailTemplate });
 * ```
 */
export function validateEmail(input: EmailValidationInput): EmailValidationResult {
  const { email, recipientName, emailTemplate, templateType, papers = [], scrapedContent = '' } = input;
  const issues: string[] = [];
  const warnings: string[] = [];
  const normalizedEmail = ` ${normalizeText(email)} `;
  const normalizedTemplate = ` ${normalizeText(emailTemplate)} `;

  const wordCount = email.match(/\S+/g)?.length ?? 0;
  if (wordCount < MIN_EMAIL_WORDS)
    issues.push(`too short: ${wordCount} words, at least ${MIN_EMAIL_WORDS} needed`);
  if (email.length > MAX_EMAIL_CHARACTERS) {
    issues.push(`too long: ${email.length} characters, at most ${MAX_EMAIL_CHARACTERS} allowed`);
  }

  for (const placeholder of unfilledPlaceholders(email, emailTemplate, input.placeholders ?? [])) {
    issues.push(`unfilled placeholder: ${placeholder}`);
  }

  const familyWords = familyNameWords(recipientName);
  if (familyWords.length > 0 && !familyWords.some((word) => normalizedEmail.includes(` ${word} `))) {
    issues.push(`does not name the recipient (${recipientName})`);
  }

  const mentionedPaperTitles = papers
    .filter((paper) => mentionsTitle(paper.title, email))
    .map((paper) => paper.title);
  if (templateType === 'research' && papers.length > 0 && mentionedPaperTitles.length === 0) {
    issues.push('mentions none of the provided papers: name at least one by its title');
  }

  const sources = [scrapedContent, ...(input.pageTexts ?? [])].filter((text) => text !== '');
  const knownTitle = (title: string) =>
    normalizedTemplate.includes(` ${normalizeText(title)} `) ||
    papers.some((paper) => titleMentionScore(title, paper.title) >= 0.75) ||
    sources.some((text) => titleMentionScore(title, text) >= 0.75);
  for (const title of quotedTitles(email)) {
    if (!knownTitle(title))
      issues.push(
        `quotes a title found in no provided paper or research summary (possibly invented): "${title}"`,
      );
  }
  const recipientWords = new Set(normalizeText(recipientName).split(' '));
  const quoted = quotedTitles(email).map((title) => ` ${normalizeText(title)} `);
  for (const run of titleCaseRuns(email)) {
    const normalizedRun = normalizeText(run);
    // A run that is the recipient's name with a greeting or title is no title; a quoted one was checked above.
    const rest = normalizedRun.split(' ').filter((word) => !recipientWords.has(word));
    if (rest.length < 3 || quoted.some((title) => title.includes(` ${normalizedRun} `))) continue;
    if (!knownTitle(run))
      issues.push(
        `names something found in no provided paper or research (possibly an invented title): "${run}"`,
      );
  }
  const knownNumbers = new Set(
    [emailTemplate, input.recipientInterest ?? '', ...sources, ...papers.map(describePaper)].flatMap(
      numberTokens,
    ),
  );
  for (const year of new Set(email.match(YEAR) ?? [])) {
    if (!knownNumbers.has(year))
      issues.push(`mentions the year ${year}, found in no provided paper or research (possibly invented)`);
  }

  const genericPhraseCount = GENERIC_PHRASES.reduce(
    (count, phrase) => count + countOccurrences(normalizedEmail, ` ${phrase} `),
    0,
  );
  if (genericPhraseCount > 2)
    warnings.push(`${genericPhraseCount} generic phrases make it read like a mail merge`);

  if (email.includes('—') && !emailTemplate.includes('—'))
    warnings.push('uses em dashes, which the template does not');
  for (const tell of AI_TELLS) {
    if (normalizedEmail.includes(` ${tell} `) && !normalizedTemplate.includes(` ${tell} `)) {
      warnings.push(`uses "${tell}", a common tell of generated text`);
    }
  }

  return { issues, warnings, wordCount, mentionedPaperTitles, genericPhraseCount };
}

// Years as a fact: 1900 to 2099, standing alone.
const YEAR = /(?<![\d.,])(?:19|20)\d{2}(?![\d.,]\d)/g;

function describePaper(paper: NonNullable<EmailValidationInput['papers']>[number]): string {
  return [paper.title, paper.year ?? '', paper.published ?? '', paper.abstract ?? ''].join(' ');
}

function unfilledPlaceholders(email: string, template: string, known: readonly string[]): string[] {
  const found = [
    ...(email.match(/\{\{[^{}]*\}\}/g) ?? []),
    ...(email.match(/\[\s*(?:insert|your)\b[^\]\n]*\]?/gi) ?? []),
    ...(email.match(/\[\s*(?:\.\.\.|…)\s*\]/g) ?? []),
    ...[...extractPlaceholders(template), ...known].filter(
      (token) => token.length > 2 && email.includes(token),
    ),
  ];
  return [...new Set(found.map((token) => token.trim()))];
}

/** Quoted spans that look like titles: three or more words, mostly capitalized or with a colon. */
function quotedTitles(email: string): string[] {
  const titles: string[] = [];
  for (const match of email.matchAll(QUOTED)) {
    const text = (match[1] ?? match[2] ?? '').trim();
    const spanWords = text.split(/\s+/);
    if (spanWords.length < 3) continue;
    const longWords = spanWords.filter((word) => word.replace(/[^\p{L}]/gu, '').length > 3);
    const capitalized = longWords.filter((word) => /^\p{Lu}/u.test(word.replace(/^[^\p{L}]+/u, '')));
    if (text.includes(':') || (longWords.length > 0 && capitalized.length / longWords.length >= 0.5))
      titles.push(text);
  }
  return titles;
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let index = haystack.indexOf(needle); index >= 0; index = haystack.indexOf(needle, index + 1))
    count += 1;
  return count;
}
