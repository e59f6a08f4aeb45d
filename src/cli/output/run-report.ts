import type { PipelineRunResult } from '../../index.js';
import { renderClaims } from './claims-text.js';
import { countOf, formatDuration, oneLine } from './format.js';

/**
 * A run told in full for people (the demo's output): the email, the claims it makes with their
 * sources, the pages read and how, the papers, each step's time, the tokens spent, the warnings
 * and where the email was saved.
 */
export function renderRunReport(result: PipelineRunResult, { savedTo }: { savedTo?: string } = {}): string {
  const { data } = result;
  const heading = result.status === 'finished' ? 'Email' : 'Email: NEEDS REVIEW (it failed its checks)';
  const out: string[] = [heading, '-'.repeat(heading.length), data.finalEmail.trimEnd(), ''];
  for (const problem of data.compositionMetadata?.problems ?? []) out.push(`  problem: ${oneLine(problem)}`);
  out.push(renderClaims(data.compositionMetadata?.claims ?? []));

  const pages = (data.scrapingMetadata?.pages ?? []).filter((page) => page.ok);
  out.push(`Sources: ${countOf(data.scrapedUrls.length, 'page')} read`);
  if (pages.length > 0) {
    pages.forEach((page, index) => {
      const how = page.strategy === 'browser' ? 'read in Chromium' : 'read over HTTP';
      out.push(
        `  ${index + 1}. ${page.finalUrl ?? page.url} (${how}${page.title ? `: ${oneLine(page.title)}` : ''})`,
      );
    });
  } else {
    data.scrapedUrls.forEach((url, index) => {
      out.push(`  ${index + 1}. ${url}`);
    });
  }

  const asked = (data.enrichmentMetadata?.sources ?? []).map((choice) => choice.source);
  out.push(
    '',
    `Papers: ${countOf(data.arxivPapers.length, 'paper')}${asked.length > 0 ? ` (asked ${asked.join(', ')})` : ''}`,
  );
  data.arxivPapers.forEach((paper, index) => {
    const venue = paper.venue ? `, ${oneLine(paper.venue)}` : '';
    const from = `from ${(paper.sources ?? ['arxiv']).join(' + ')}`;
    out.push(
      `  ${index + 1}. ${oneLine(paper.title)} (${paper.year}${venue}) ${paper.abstractUrl} [${from}]`,
    );
  });
  for (const choice of data.enrichmentMetadata?.sources ?? []) {
    if (choice.droppedAsNamesake > 0 && choice.candidates > 1) {
      out.push(
        `  ${choice.source}: ${choice.candidates} people by that name; kept ${choice.chosen.length} (${choice.basis}), dropped ${countOf(choice.candidates - choice.chosen.length, 'namesake')}`,
      );
    }
  }

  const steps = Object.keys(result.timings);
  const width = Math.max(0, ...steps.map((step) => step.length)) + 2;
  out.push('', 'Step timings');
  for (const step of steps) out.push(`  ${step.padEnd(width)}${formatDuration(result.timings[step] ?? 0)}`);

  out.push('', 'Token usage');
  const usage = Object.entries(result.usage);
  if (usage.length === 0) out.push('  none');
  for (const [step, tokens] of usage) {
    const model = data.metadata.modelsUsed[step];
    out.push(
      `  ${step.padEnd(width)}${tokens.inputTokens} in, ${tokens.outputTokens} out, ${tokens.totalTokens} total${model ? ` (${model})` : ''}`,
    );
  }

  out.push('', `Warnings: ${result.warnings.length === 0 ? 'none' : result.warnings.length}`);
  for (const warning of result.warnings) out.push(`  ${warning.step}: ${oneLine(warning.message)}`);

  out.push(
    '',
    result.emailId === undefined
      ? 'Not saved.'
      : `Saved: email ${result.emailId}, task ${data.taskId}, in ${savedTo ?? 'the database'}`,
  );
  return `${out.join('\n')}\n`;
}
