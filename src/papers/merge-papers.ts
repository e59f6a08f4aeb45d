import type { Paper, PaperSourceName } from '../core/paper.js';
import { citationId, identityKeys, normalizeDoi } from './paper-identity.js';

/**
 * One list from every source's papers: records that share a DOI, an arXiv id or a normalised
 * title become one, keeping the richest value of each field (longest abstract, any venue, DOI
 * and PDF) and the ids of every source. Order: first appearance. Each merged paper's `id` is
 * its `citationId`, so it is unique and stable whatever order the sources answered in.
 *
 * @example
 * ```ts
 * const papers = mergePapers([...arxivPapers, ...openAlexPapers]);
 * ```
 */
export function mergePapers(records: readonly Paper[]): Paper[] {
  const groups: Paper[][] = [];
  const groupOfKey = new Map<string, number>();
  for (const record of records) {
    const keys = identityKeys(record);
    // A record may bridge two groups (DOI matches one, title another): join them.
    const hits = [
      ...new Set(keys.map((key) => groupOfKey.get(key)).filter((index) => index !== undefined)),
    ].sort((a, b) => a - b);
    const target = hits[0] ?? groups.push([]) - 1;
    const group = groups[target] as Paper[];
    group.push(record);
    for (const other of hits.slice(1)) {
      group.push(...(groups[other] as Paper[]));
      groups[other] = [];
    }
    for (const paper of group) for (const key of identityKeys(paper)) groupOfKey.set(key, target);
  }
  return groups.filter((group) => group.length > 0).map(combine);
}

function combine(group: Paper[]): Paper {
  const [first, ...rest] = group as [Paper, ...Paper[]];
  const sources = new Set<PaperSourceName>();
  const sourceIds: Partial<Record<PaperSourceName, string>> = {};
  for (const paper of group) {
    const paperSources = paper.sources ?? ['arxiv'];
    for (const source of paperSources) sources.add(source);
    for (const [source, id] of Object.entries(paper.sourceIds ?? { arxiv: paper.id })) {
      sourceIds[source as PaperSourceName] ??= id;
    }
  }
  const longest = (pick: (paper: Paper) => string | undefined) =>
    group
      .map(pick)
      .reduce<string | undefined>(
        (best, value) => ((value?.length ?? 0) > (best?.length ?? 0) ? value : best),
        undefined,
      );
  const doi = group.map((paper) => normalizeDoi(paper.doi)).find((value) => value !== undefined);
  const venue = longest((paper) => paper.venue);
  const pdfUrl = group.map((paper) => paper.pdfUrl).find((value) => value !== undefined);
  const merged: Paper = {
    ...first,
    abstract: longest((paper) => paper.abstract) ?? '',
    authors: group.reduce(
      (best, paper) => (paper.authors.length > best.length ? paper.authors : best),
      first.authors,
    ),
    // The earliest date is the first public version (a preprint before its journal version).
    published:
      [first, ...rest]
        .map((paper) => paper.published)
        .filter((date) => date !== '')
        .sort()[0] ?? first.published,
    sources: [...sources],
    sourceIds,
  };
  merged.year = Number(merged.published.slice(0, 4)) || first.year;
  if (doi) merged.doi = doi;
  if (venue) merged.venue = venue;
  if (pdfUrl) merged.pdfUrl = pdfUrl;
  merged.id = citationId(merged);
  return merged;
}
