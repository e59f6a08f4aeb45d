import type { PipelineData } from '../../core/pipeline-data.js';
import type { EnrichmentMetadata } from '../../core/step-outputs.js';
import { selectPapers } from '../../papers/select-papers.js';
import { recipientEvidence } from './recipient-evidence.js';

/** How many papers to keep and how old they may be. */
export interface PaperSelectionSettings {
  limit: number;
  maxAgeYears: number;
  /** The clock papers' ages are measured by. */
  now: () => Date;
}

/**
 * Decides among `data.paperCandidates` with the evidence `data` holds now, and writes
 * `arxivPapers` and the selection's part of `enrichmentMetadata`. Returns the warnings to give:
 * none about ambiguity or empty results while `undecided` (the pages are still being read and
 * `paper_selection` will decide again).
 */
export function decidePapers(
  data: PipelineData,
  settings: PaperSelectionSettings,
  { undecided }: { undecided: boolean },
): string[] {
  const selection = selectPapers(data.paperCandidates, {
    evidence: recipientEvidence(data),
    recipientName: data.recipientName,
    maxAgeYears: settings.maxAgeYears,
    limit: settings.limit,
    now: settings.now(),
  });
  data.arxivPapers = selection.papers;
  const metadata: EnrichmentMetadata = {
    ...data.enrichmentMetadata,
    fetched: selection.fetched,
    kept: selection.papers.length,
    droppedAsNamesake: selection.droppedAsNamesake,
    droppedAsOld: selection.droppedAsOld,
    sources: selection.sources,
    decidedWithPages: data.scrapedPages.length > 0,
  };
  data.enrichmentMetadata = metadata;
  if (undecided) return [];
  const warnings = [...selection.warnings];
  if (selection.papers.length === 0 && selection.warnings.length === 0) {
    const asked = data.paperCandidates.map((lookup) => lookup.source).join(', ');
    warnings.push(`no recent papers found for ${data.recipientName}${asked ? ` (asked: ${asked})` : ''}`);
  }
  return warnings;
}
