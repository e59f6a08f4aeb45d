import type { Paper } from '../paper.js';
import type { PipelineData, StepIssue } from '../pipeline-data.js';
import type { EmailRecord, SavedPaper } from './persistence-adapter.js';

/** Builds the record a successful run saves from the run's data and warnings. */
export function buildEmailRecord(data: PipelineData, warnings: readonly StepIssue[]): EmailRecord {
  const { modelsUsed, usage, ...extra } = data.metadata;
  return {
    taskId: data.taskId,
    userId: data.userId,
    recipientName: data.recipientName,
    recipientInterest: data.recipientInterest,
    templateType: data.templateType ?? null,
    email: data.finalEmail,
    status: data.emailStatus,
    isConfident: data.isConfident,
    metadata: {
      ...extra,
      searchTerms: [...data.searchTerms],
      scrapedUrls: [...data.scrapedUrls],
      papers: data.arxivPapers.map(savedPaper),
      stepTimings: { ...data.stepTimings },
      modelsUsed: { ...modelsUsed },
      usage: { ...usage },
      warnings: [...warnings],
      claims: structuredClone(data.compositionMetadata?.claims ?? []),
      problems: [...(data.compositionMetadata?.problems ?? [])],
    },
  };
}

/** A paper as the saved record (and the CLI's summary) keeps it: what cites it and where it is from. */
export function savedPaper(paper: Paper): SavedPaper {
  return {
    id: paper.id,
    title: paper.title,
    url: paper.abstractUrl,
    year: paper.year,
    ...(paper.venue ? { venue: paper.venue } : {}),
    ...(paper.doi ? { doi: paper.doi } : {}),
    sources: paper.sources ?? ['arxiv'],
  };
}
