import type { ClaimSource, EmailClaim } from '../../../core/claims.js';
import { normalizeText } from '../../../text/normalize.js';
import { titleMentionScore } from '../../../text/title-match.js';
import { bestSnippet } from './best-snippet.js';
import { type ClaimSourceText, sourceHasWord } from './claim-source-text.js';
import { claimTerms } from './claim-terms.js';

/** A claim as the composer states it: a sentence and the labels of its sources (`PAGE 2`, `PAPER 1`). */
export interface StatedClaim {
  claim: string;
  sources: string[];
}

/** The checked claims, and one problem line per claim that failed. */
export interface ClaimCheckResult {
  claims: EmailClaim[];
  problems: string[];
}

const REFERENCE = /^\s*\[?\s*(page|paper)\s*#?\s*(\d+)\s*\]?\s*$/i;
const CLAIM_IN_MESSAGE = 160;

/**
 * The deterministic claim check: every claim cites at least one source we gave the model, and
 * every number, capitalised name and quoted or title-like phrase in it appears (normalised:
 * case, accents, punctuation, plurals) in one of the sources it cites. A claim with none of
 * those must at least share a distinctive word with its sources. Each cited source keeps the
 * passage that best supports the claim.
 *
 * @example
 * ```ts
 * const { problems } = checkClaims({
 *   claims: [{ claim: 'Lovelace won the Sloan Fellowship in 2019.', sources: ['PAGE 1'] }],
 *   sources: data.scrapedPages.map(pageSource),
 *   recipientName: data.recipientName,
 * });
 * ```
 */
export function checkClaims({
  claims,
  sources,
  recipientName,
}: {
  claims: readonly StatedClaim[];
  sources: readonly ClaimSourceText[];
  recipientName: string;
}): ClaimCheckResult {
  const byLabel = new Map(sources.map((source) => [source.label, source]));
  const byPaperId = new Map(
    sources.flatMap((source) =>
      source.reference.kind === 'paper' ? [[normalizeText(source.reference.paper.id), source] as const] : [],
    ),
  );
  const resolve = (reference: string): ClaimSourceText | undefined => {
    const match = REFERENCE.exec(reference);
    if (match) return byLabel.get(`${match[1]?.toUpperCase()} ${Number(match[2])}`);
    return byPaperId.get(normalizeText(reference.replace(/^\s*(arxiv|paper)\s*:/i, '')));
  };

  const checked: EmailClaim[] = [];
  const problems: string[] = [];
  for (const stated of claims) {
    const text = stated.claim.trim();
    if (text === '') continue;
    const claimProblems: string[] = [];
    const cited: ClaimSourceText[] = [];
    for (const reference of stated.sources) {
      const source = resolve(reference);
      if (source === undefined)
        claimProblems.push(`cites "${reference}", which is no page or paper you were given`);
      else if (!cited.includes(source)) cited.push(source);
    }
    if (cited.length === 0 && claimProblems.length === 0)
      claimProblems.push('cites no source: cite the [PAGE n] or PAPER n it comes from');
    if (cited.length > 0) {
      const missing = unsupportedTerms(text, cited, recipientName);
      if (missing.length > 0) {
        const labels = cited.map((source) => source.label).join(', ');
        claimProblems.push(
          missing[0] === NOTHING_SHARED
            ? `shares no distinctive word with ${labels}`
            : `${missing.map((term) => `"${term}"`).join(', ')} appear${missing.length === 1 ? 's' : ''} in none of its sources (${labels})`,
        );
      }
    }
    checked.push({
      text,
      sources: cited.map((source) => toClaimSource(text, source)),
      problems: claimProblems,
    });
    if (claimProblems.length > 0)
      problems.push(`unsupported claim "${shorten(text)}": ${claimProblems.join('; ')}`);
  }
  return { claims: checked, problems };
}

const NOTHING_SHARED = '\u0000nothing shared';

function unsupportedTerms(claim: string, cited: readonly ClaimSourceText[], recipientName: string): string[] {
  const terms = claimTerms(claim, { ignore: [recipientName] });
  const missing = [
    ...terms.numbers.filter((number) => !cited.some((source) => source.numbers.has(number))),
    ...terms.names.filter((name) => !cited.some((source) => sourceHasWord(source, name))),
    ...terms.phrases.filter((phrase) => !cited.some((source) => containsPhrase(source, phrase))),
  ];
  if (terms.numbers.length + terms.names.length + terms.phrases.length > 0) return [...new Set(missing)];
  const shared = terms.contentWords.some((word) => cited.some((source) => sourceHasWord(source, word)));
  return terms.contentWords.length > 0 && !shared ? [NOTHING_SHARED] : [];
}

function containsPhrase(source: ClaimSourceText, phrase: string): boolean {
  const normalized = normalizeText(phrase);
  return (
    normalized !== '' &&
    (source.normalized.includes(` ${normalized} `) || titleMentionScore(phrase, source.text) >= 0.75)
  );
}

function toClaimSource(claim: string, source: ClaimSourceText): ClaimSource {
  const snippet = bestSnippet(claim, source.text);
  if (source.reference.kind === 'page') {
    const { page } = source.reference;
    return { kind: 'page', pageNumber: page.pageNumber, url: page.url, title: page.title, snippet };
  }
  const { paper } = source.reference;
  return { kind: 'paper', paperId: paper.id, url: paper.abstractUrl, title: paper.title, snippet };
}

function shorten(text: string): string {
  return text.length <= CLAIM_IN_MESSAGE ? text : `${text.slice(0, CLAIM_IN_MESSAGE - 1)}…`;
}
