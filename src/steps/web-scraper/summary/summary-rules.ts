import { z } from 'zod';
import type { AskUntilValidResult } from '../../../llm/ask-until-valid.js';

/** The hard cap on the summary. */
export const MAX_SUMMARY_CHARS = 3_000;
/** The cap on the facts taken from one page (all its parts together). */
export const MAX_PAGE_FACTS_CHARS = 4_000;

/**
 * The shape asked of the model, for page facts and summary alike. Loose on purpose (no length):
 * strict provider modes reject length keywords; {@link factProblems} checks the rest.
 */
export const factsSchema = z.object({
  facts: z
    .string()
    .describe('one fact per line, each ending with its [PAGE N] markers; empty when there is none'),
});

/** One answer of the model. */
export type FactsAnswer = z.infer<typeof factsSchema>;

/** The marker a fact found on one page only carries in the synthesis. */
export const UNCERTAIN_MARKER = '[UNCERTAIN]';

/** The marker of a fact taken from page `pageNumber`: `[PAGE 2]`. */
export function pageMarker(pageNumber: number): string {
  return `[PAGE ${pageNumber}]`;
}

/** The rules one fact list must keep. */
export interface FactRules {
  /** The longest the facts may be, in UTF-16 code units (`string.length`). */
  maxChars: number;
  /** The page numbers markers may name. */
  pageNumbers: readonly number[];
  /** Lines citing a single page must say `[UNCERTAIN]`: true when several pages gave facts. */
  requireUncertain: boolean;
  /** An empty answer breaks the rules: true for a synthesis of pages that gave facts. */
  requireFacts: boolean;
}

// Anything a model may mean as a page citation: [PAGE 2], [Page 2], [PAGES 1-2], [PAGE 1, 3].
const CITATION = /\[\s*pages?\b[^\]\n]*\]/gi;
const VALID_MARKER = /^\[PAGE ([1-9]\d*)\]$/;
// Problems quote at most this many examples, so feedback stays short.
const EXAMPLES = 3;

interface LineCitations {
  /** Page numbers named by well-formed markers, in order, repeats kept. */
  pages: number[];
  /** Citations that are not exactly `[PAGE N]`. */
  malformed: string[];
}

function citationsIn(text: string): LineCitations {
  const pages: number[] = [];
  const malformed: string[] = [];
  for (const [citation] of text.matchAll(CITATION)) {
    const valid = VALID_MARKER.exec(citation);
    if (valid?.[1] === undefined) malformed.push(citation);
    else pages.push(Number(valid[1]));
  }
  return { pages, malformed };
}

/** The number as people write it: 3,000. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function quoteLine(line: string): string {
  const trimmed = line.trim();
  return `"${trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed}"`;
}

// Lines whose every well-formed marker names the same one page, with no [UNCERTAIN].
function unmarkedSingleSourceLines(facts: string): string[] {
  return facts.split('\n').filter((line) => {
    const { pages } = citationsIn(line);
    return pages.length > 0 && new Set(pages).size === 1 && !line.includes(UNCERTAIN_MARKER);
  });
}

function citesOnly(line: string, allowed: ReadonlySet<number>): boolean {
  const { pages, malformed } = citationsIn(line);
  return malformed.length === 0 && pages.every((page) => allowed.has(page));
}

/**
 * What is wrong with one trimmed fact list, one sentence per problem, worded as feedback for the
 * model (each says what to do instead); an empty list means the facts keep every rule.
 */
export function factProblems(facts: string, rules: FactRules): string[] {
  if (facts === '') {
    return rules.requireFacts ? ['facts is empty, but the pages gave facts about the recipient'] : [];
  }
  const problems: string[] = [];
  if (facts.length > rules.maxChars) {
    problems.push(
      `facts is ${formatCount(facts.length)} characters long, over the limit of ${formatCount(rules.maxChars)}: shorten it to at most ${formatCount(rules.maxChars)} characters, keeping the most important facts`,
    );
  }
  const allowed = new Set(rules.pageNumbers);
  const allowedText = rules.pageNumbers.map(pageMarker).join(', ');
  const { pages, malformed } = citationsIn(facts);
  for (const page of new Set(pages)) {
    if (!allowed.has(page)) {
      problems.push(`${pageMarker(page)} names a page you were not given: use only ${allowedText}`);
    }
  }
  for (const citation of [...new Set(malformed)].slice(0, EXAMPLES)) {
    problems.push(
      `${citation} is not a page marker: write exactly one marker per page, like ${allowedText.replaceAll(',', '')}`,
    );
  }
  if (pages.length === 0 && malformed.length === 0) {
    problems.push(
      `facts has no page marker: end every fact with the marker of the page it comes from, like ${pageMarker(rules.pageNumbers[0] ?? 1)}`,
    );
  }
  if (rules.requireUncertain) {
    const unmarked = unmarkedSingleSourceLines(facts);
    if (unmarked.length > 0) {
      problems.push(
        `${unmarked.length} line(s) cite only one page but lack ${UNCERTAIN_MARKER}, e.g. ${unmarked.slice(0, EXAMPLES).map(quoteLine).join(', ')}: add ${UNCERTAIN_MARKER} after the marker of every fact found on one page only`,
      );
    }
  }
  return problems;
}

/**
 * Cuts text to at most `maxChars`: at the last line break if that keeps at least half, otherwise
 * at the later of the last line break and the last sentence end (`.`, `!`, `?` or a marker's `]`,
 * followed by white space); with neither, a hard cut that splits no surrogate pair and leaves no
 * half marker. The result is trimmed at its end, so it is never longer than `maxChars`.
 */
export function truncateAtBoundary(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const lineCut = text.lastIndexOf('\n', maxChars);
  let sentenceCut = -1;
  // The white space after the ending may sit just past the limit: the cut itself is within it.
  for (const match of text.slice(0, maxChars + 1).matchAll(/[.!?\]]\s/g)) sentenceCut = match.index + 1;
  let cut = lineCut >= maxChars / 2 ? lineCut : Math.max(lineCut, sentenceCut);
  if (cut > 0) return text.slice(0, cut).trimEnd();
  cut = /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return text
    .slice(0, cut)
    .replace(/\[[^\]]*$/, '')
    .trimEnd();
}

/** Facts made to keep the rules where a program can, and what that took. */
export interface RepairedFacts {
  facts: string;
  /** One line per change made, for the caller's warnings. */
  repairs: string[];
  /** What no program can repair (no marker at all, nothing left): the facts are unusable unless empty. */
  problems: string[];
}

/**
 * Repairs the last answer of a model that kept breaking the rules: drops lines citing pages that
 * do not exist or with unreadable markers (their facts cannot be traced to a page), adds
 * `[UNCERTAIN]` to single-page lines when required, then cuts to the cap. Dropping before
 * marking before cutting keeps the result within `maxChars`.
 */
export function repairFacts(facts: string, rules: FactRules): RepairedFacts {
  const repairs: string[] = [];
  const allowed = new Set(rules.pageNumbers);
  const lines = facts.trim().split('\n');
  const traceable = lines.filter((line) => citesOnly(line, allowed));
  if (traceable.length < lines.length) {
    repairs.push(
      `removed ${lines.length - traceable.length} line(s) citing pages that do not exist or with unreadable markers`,
    );
  }
  let repaired = traceable.join('\n').trim();
  if (rules.requireUncertain) {
    const unmarked = new Set(unmarkedSingleSourceLines(repaired));
    if (unmarked.size > 0) {
      repaired = repaired
        .split('\n')
        .map((line) => (unmarked.has(line) ? `${line.trimEnd()} ${UNCERTAIN_MARKER}` : line))
        .join('\n')
        .trim();
      repairs.push(`marked ${unmarked.size} line(s) citing one page only ${UNCERTAIN_MARKER}`);
    }
  }
  if (repaired.length > rules.maxChars) {
    const before = repaired.length;
    repaired = truncateAtBoundary(repaired, rules.maxChars);
    repairs.push(
      `cut from ${formatCount(before)} to ${formatCount(repaired.length)} characters (the limit is ${formatCount(rules.maxChars)}) at a line or sentence boundary`,
    );
  }
  // A hard cut may have taken the last line's [UNCERTAIN]; what is left to check cannot be repaired.
  return {
    facts: repaired,
    repairs,
    problems: factProblems(repaired, { ...rules, requireUncertain: false }),
  };
}

/** A task's outcome: facts that keep the rules (repaired when needed), or why there are none. */
export type SettledFacts =
  | { ok: true; facts: string; repairs: string[] }
  | { ok: false; rawAnswer: string | undefined; problems: string[] };

/**
 * Decides what one `askUntilValid` run gives: the good answer, trimmed; else the last well-shaped
 * answer repaired by {@link repairFacts}; else (no well-shaped answer, or one no program can
 * repair) nothing, with the last round's problems.
 */
export function settleFacts(result: AskUntilValidResult<FactsAnswer>, rules: FactRules): SettledFacts {
  if (result.ok) return { ok: true, facts: result.value.facts.trim(), repairs: [] };
  const { value, rawAnswer, problems } = result.last;
  if (value === undefined) return { ok: false, rawAnswer, problems };
  const repaired = repairFacts(value.facts, rules);
  if (repaired.problems.length > 0) return { ok: false, rawAnswer, problems };
  return { ok: true, facts: repaired.facts, repairs: repaired.repairs };
}
