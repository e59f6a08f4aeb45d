import type { Paper, PaperLookup } from '../core/paper.js';
import type { SourceChoice } from '../core/step-outputs.js';

export type { SourceChoice } from '../core/step-outputs.js';

import { chooseAuthor, type RecipientEvidence } from './choose-author.js';
import { mergePapers } from './merge-papers.js';
import { rankPaperList } from './rank-papers.js';

/** The recipient's papers from every source, and how they were chosen. */
export interface PaperSelection {
  /** Merged across sources, de-duplicated, best first. */
  papers: Paper[];
  /** Records the sources returned, every candidate's and the namesakes' included. */
  fetched: number;
  droppedAsNamesake: number;
  droppedAsOld: number;
  sources: SourceChoice[];
  /** One per source that found people under the name but could not tell which is the recipient. */
  warnings: string[];
}

/** What `selectPapers` decides with. */
export interface SelectPapersOptions {
  evidence: RecipientEvidence;
  recipientName: string;
  maxAgeYears: number;
  limit: number;
  now: Date;
}

/**
 * Decides, per source, which same-name candidates are the recipient (`chooseAuthor`, with the
 * candidate's paper titles counted as topics), then merges the kept papers of every source into
 * one de-duplicated list and ranks it by relevance to the interest and recency. Pure.
 *
 * @example
 * ```ts
 * const { papers } = selectPapers(data.paperCandidates, { evidence, recipientName, maxAgeYears: 10, limit: 5, now: new Date() });
 * ```
 */
export function selectPapers(lookups: readonly PaperLookup[], options: SelectPapersOptions): PaperSelection {
  const sources: SourceChoice[] = [];
  const warnings: string[] = [];
  const kept: Paper[] = [];
  for (const lookup of lookups) {
    const withTitles = lookup.candidates.map(({ candidate, papers }) => ({
      ...candidate,
      topics: [...candidate.topics, ...papers.map((paper) => paper.title)],
    }));
    const choice = chooseAuthor(withTitles, options.evidence);
    const chosenIds = new Set(choice.chosen.map((candidate) => candidate.id));
    for (const { candidate, papers } of lookup.candidates)
      if (chosenIds.has(candidate.id)) kept.push(...papers);
    sources.push({
      source: lookup.source,
      candidates: lookup.candidates.length,
      chosen: [...chosenIds],
      basis: choice.basis,
      droppedAsNamesake: choice.droppedAsNamesake + (lookup.droppedAsNamesake ?? 0),
    });
    if (choice.basis === 'ambiguous') {
      warnings.push(
        `${lookup.source}: ${lookup.candidates.length} people named ${options.recipientName} and none clearly the recipient; kept none of their papers (recipientAffiliation or recipientOrcid would settle it)`,
      );
    }
  }
  const ranked = rankPaperList(mergePapers(kept), {
    recipientInterest: options.evidence.interest,
    maxAgeYears: options.maxAgeYears,
    limit: options.limit,
    now: options.now,
  });
  return {
    papers: ranked.papers,
    fetched: lookups.reduce(
      (sum, lookup) =>
        sum +
        (lookup.droppedAsNamesake ?? 0) +
        lookup.candidates.reduce((count, { papers }) => count + papers.length, 0),
      0,
    ),
    droppedAsNamesake: sources.reduce((sum, source) => sum + source.droppedAsNamesake, 0),
    droppedAsOld: ranked.droppedAsOld,
    sources,
    warnings,
  };
}
