import { mapBounded } from '../../../core/map-bounded.js';
import { askUntilValid } from '../../../llm/ask-until-valid.js';
import type { AskModel } from '../../../llm/model-session.js';
import { smartChunk } from './chunk.js';
import type { PageText } from './summary-page.js';
import { buildExtractionPrompt, EXTRACTION_SYSTEM_PROMPT, type PromptSource } from './summary-prompts.js';
import {
  type FactRules,
  factProblems,
  factsSchema,
  formatCount,
  MAX_PAGE_FACTS_CHARS,
  type SettledFacts,
  settleFacts,
  truncateAtBoundary,
} from './summary-rules.js';

/** The facts taken from one page; empty when it says nothing about the recipient. */
export interface PageFacts {
  page: PageText;
  facts: string;
}

/** What {@link extractPageFacts} needs; `chunkSize` and `concurrency` are already checked. */
export interface ExtractPageFactsOptions {
  pages: readonly PageText[];
  recipientName: string;
  recipientInterest: string;
  ask: AskModel;
  maxAttempts: number;
  chunkSize: number;
  concurrency: number;
}

// Extraction copies facts: the same page should give the same facts every run.
const EXTRACTION_TEMPERATURE = 0;
// Below this a part's facts would be cut to a few lines: better to cap the joined facts instead.
const MIN_PART_FACTS_CHARS = 800;

interface PartTask extends PromptSource {
  page: PageText;
  maxChars: number;
}

/**
 * The facts each page gives, in page order. A page longer than `chunkSize` is cut with
 * `smartChunk`; each part gets an equal share of {@link MAX_PAGE_FACTS_CHARS} (at least 800), so
 * every part is heard, and the joined facts are cut at a line boundary if they still run over.
 * A part whose answers keep breaking the rules is dropped with a warning; a page all of whose
 * parts are dropped is left out. Parts run `concurrency` at a time; after a thrown error (provider,
 * abort) no new part starts, and the error is rethrown once the parts in flight have ended.
 */
export async function extractPageFacts(
  options: ExtractPageFactsOptions,
): Promise<{ pages: PageFacts[]; warnings: string[] }> {
  const tasks = options.pages.flatMap((page) => partTasks(page, options.chunkSize));
  const settled = await mapBounded(tasks, options.concurrency, (task) => extractPart(task, options));
  const warnings: string[] = [];
  const pages: PageFacts[] = [];
  for (const page of options.pages) {
    const name = `page ${page.pageNumber} (${page.url})`;
    const facts: string[] = [];
    let read = 0;
    tasks.forEach((task, index) => {
      const outcome = settled[index];
      if (task.page !== page || outcome === undefined) return;
      const where = task.part ? `${name}, part ${task.part.index} of ${task.part.count}` : name;
      if (!outcome.ok) {
        warnings.push(
          `${where}: dropped after ${options.maxAttempts} attempt(s): ${outcome.problems.join('; ')}`,
        );
        return;
      }
      read += 1;
      if (outcome.repairs.length > 0)
        warnings.push(`${where}: kept a repaired answer: ${outcome.repairs.join('; ')}`);
      if (outcome.facts !== '') facts.push(outcome.facts);
    });
    if (read === 0) continue;
    const joined = facts.join('\n');
    const capped = truncateAtBoundary(joined, MAX_PAGE_FACTS_CHARS);
    if (capped.length < joined.length) {
      warnings.push(
        `${name}: facts cut from ${formatCount(joined.length)} to ${formatCount(capped.length)} characters`,
      );
    }
    pages.push({ page, facts: capped });
  }
  return { pages, warnings };
}

function partTasks(page: PageText, chunkSize: number): PartTask[] {
  const chunks = smartChunk(page.text, { size: chunkSize });
  const count = chunks.length;
  // The newlines that join the parts' facts count against the page cap too.
  const maxChars =
    count === 1
      ? MAX_PAGE_FACTS_CHARS
      : Math.max(Math.floor((MAX_PAGE_FACTS_CHARS - (count - 1)) / count), MIN_PART_FACTS_CHARS);
  return chunks.map((text, index) => ({
    page,
    text,
    maxChars,
    ...(count > 1 ? { part: { index: index + 1, count } } : {}),
  }));
}

async function extractPart(task: PartTask, options: ExtractPageFactsOptions): Promise<SettledFacts> {
  const rules: FactRules = {
    maxChars: task.maxChars,
    pageNumbers: [task.page.pageNumber],
    requireUncertain: false,
    requireFacts: false,
  };
  const result = await askUntilValid({
    ask: options.ask,
    schema: factsSchema,
    check: ({ facts }) => factProblems(facts.trim(), rules),
    system: EXTRACTION_SYSTEM_PROMPT,
    prompt: (previous) =>
      buildExtractionPrompt({
        recipientName: options.recipientName,
        recipientInterest: options.recipientInterest,
        source: task,
        maxChars: task.maxChars,
        feedback: previous && { previous: previous.value?.facts.trim(), problems: previous.problems },
      }),
    maxAttempts: options.maxAttempts,
    temperature: EXTRACTION_TEMPERATURE,
  });
  return settleFacts(result, rules);
}
