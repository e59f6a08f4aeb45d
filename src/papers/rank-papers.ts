import type { Paper } from '../core/paper.js';
import { words } from '../text/normalize.js';
import { keywords } from '../text/stem.js';
import type { ArxivEntry } from './arxiv/arxiv-entry.js';
import { isSameAuthor } from './arxiv/author-match.js';
import { entryToPaper } from './sources/arxiv.js';

/**
 * What `rankPapers` ranks, for whom, and how strictly.
 *
 * @example
 * ```ts
 * const options: RankPapersOptions = { entries: feed.entries, recipientName: 'Ada Lovelace', recipientInterest: 'analytical engines', maxAgeYears: 10, limit: 5 };
 * ```
 */
export interface RankPapersOptions {
  entries: readonly ArxivEntry[];
  recipientName: string;
  recipientInterest: string;
  /** Older papers are dropped. Default 10. */
  maxAgeYears?: number;
  /** How many to keep. Default 5. */
  limit?: number;
  /** The clock; default now. */
  now?: Date;
}

/**
 * The papers kept, best first, and how many were dropped and why.
 *
 * @example
 * ```ts
 * const { papers, droppedAsNamesake } = rankPapers(options);
 * ```
 */
export interface RankedPapers {
  /** Best first, with `score` from 0 to 1. */
  papers: Paper[];
  droppedAsNamesake: number;
  droppedAsOld: number;
}

// Relevance matters more than recency: an on-topic paper from six years ago beats last
// month's off-topic one.
const RELEVANCE_WEIGHT = 0.7;
const RECENCY_WEIGHT = 0.3;
// A word of the interest in the title says more than the same word in the abstract.
const ABSTRACT_HIT = 0.6;
const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/**
 * Keeps the recipient's own recent papers and orders them by relevance to their interest and
 * by recency. Pure: the same input always gives the same output, and ties keep arXiv's order.
 *
 * @example
 * ```ts
 * const { papers } = rankPapers({ entries, recipientName: 'Ada Lovelace', recipientInterest: 'analytical engines' });
 * ```
 */
export function rankPapers({
  entries,
  recipientName,
  recipientInterest,
  maxAgeYears = 10,
  limit = 5,
  now = new Date(),
}: RankPapersOptions): RankedPapers {
  const own = entries.filter((entry) =>
    entry.authors.some((author) => isSameAuthor(author.name, recipientName)),
  );
  const ranked = rankPaperList(own.map(entryToPaper), { recipientInterest, maxAgeYears, limit, now });
  return { ...ranked, droppedAsNamesake: entries.length - own.length };
}

/**
 * Orders papers already known to be the recipient's by relevance to their interest and by
 * recency, after dropping those older than `maxAgeYears`. Pure; ties keep the given order.
 *
 * @example
 * ```ts
 * const { papers } = rankPaperList(merged, { recipientInterest: 'asymmetric catalysis', limit: 5 });
 * ```
 */
export function rankPaperList(
  papers: readonly Paper[],
  {
    recipientInterest,
    maxAgeYears = 10,
    limit = 5,
    now = new Date(),
  }: Omit<RankPapersOptions, 'entries' | 'recipientName'>,
): { papers: Paper[]; droppedAsOld: number } {
  const interest = [...new Set(keywords(words(recipientInterest)))];
  let droppedAsOld = 0;
  const scored: Paper[] = [];
  for (const paper of papers) {
    const ageYears = (now.getTime() - Date.parse(paper.published)) / YEAR_MS;
    if (!(ageYears <= maxAgeYears)) {
      droppedAsOld += 1;
      continue;
    }
    const recency = Math.min(1, Math.max(0, 1 - ageYears / maxAgeYears));
    const score = RELEVANCE_WEIGHT * relevance(interest, paper) + RECENCY_WEIGHT * recency;
    scored.push({ ...paper, score: Math.round(score * 10_000) / 10_000 });
  }
  // Array.prototype.sort is stable, so equal scores keep the given order.
  return { papers: scored.sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, limit), droppedAsOld };
}

/** Share of the interest's words found in the title (full weight) or abstract (partial). */
function relevance(interest: readonly string[], paper: Pick<Paper, 'title' | 'abstract'>): number {
  if (interest.length === 0) return 0;
  const title = new Set(keywords(words(paper.title)));
  const abstract = new Set(keywords(words(paper.abstract)));
  const hits = interest.reduce(
    (sum, word) => sum + (title.has(word) ? 1 : abstract.has(word) ? ABSTRACT_HIT : 0),
    0,
  );
  return hits / interest.length;
}
