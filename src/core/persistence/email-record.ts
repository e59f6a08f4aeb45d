import type { PipelineData, StepIssue } from '../pipeline-data.js';
import type { EmailRecord } from './persistence-adapter.js';

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
      papers: data.arxivPapers.map((paper) => ({
        id: paper.id,
        title: paper.title,
        url: paper.abstractUrl,
        year: paper.year,
        ...(paper.venue ? { venue: paper.venue } : {}),
        ...(paper.doi ? { doi: paper.doi } : {}),
        sources: paper.sources ?? ['arxiv'],
      })),
      stepTimings: { ...data.stepTimings },
      modelsUsed: { ...modelsUsed },
      usage: { ...usage },
      warnings: [...warnings],
      claims: structuredClone(data.compositionMetadata?.claims ?? []),
      problems: [...(data.compositionMetadata?.problems ?? [])],
    },
  };
}
