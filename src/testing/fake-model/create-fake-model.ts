import { MockLanguageModelV4 } from 'ai/test';
import { COMPOSER_SYSTEM_PROMPT } from '../../steps/email-composer/prompts.js';
import { PARSER_SYSTEM_PROMPT } from '../../steps/template-parser/prompts.js';
import {
  EXTRACTION_SYSTEM_PROMPT,
  SINGLE_SOURCE_SYSTEM_PROMPT,
  SYNTHESIS_SYSTEM_PROMPT,
} from '../../steps/web-scraper/summary/summary-prompts.js';
import { mockAnswer } from '../mock-model.js';
import { composerAnswer } from './composer-answer.js';
import { extractionAnswer } from './extraction-answer.js';
import { parserAnswer } from './parser-answer.js';
import { readPromptText } from './prompt-text.js';
import { synthesisAnswer } from './synthesis-answer.js';

/** Options of `createFakeModel`. */
export interface FakeModelOptions {
  /** The id the model reports (it appears in `modelsUsed` and errors). Default `scribe-fake-model`. */
  modelId?: string;
}

// Keyed by the steps' own system prompts, so a reworded instruction is still recognised as long as
// the step sends its exported constant; a prompt the library does not send is refused, not guessed at.
const ANSWERS = new Map<string, { task: string; answer: (user: string) => unknown }>([
  [PARSER_SYSTEM_PROMPT, { task: 'template parser', answer: parserAnswer }],
  [EXTRACTION_SYSTEM_PROMPT, { task: 'page facts', answer: extractionAnswer }],
  [
    SYNTHESIS_SYSTEM_PROMPT,
    { task: 'summary of several pages', answer: (user) => synthesisAnswer(user, { crossCheck: true }) },
  ],
  [
    SINGLE_SOURCE_SYSTEM_PROMPT,
    { task: 'summary of one page', answer: (user) => synthesisAnswer(user, { crossCheck: false }) },
  ],
  [COMPOSER_SYSTEM_PROMPT, { task: 'email composer', answer: composerAnswer }],
]);

const KNOWN_TASKS = [...ANSWERS.values()].map(({ task }) => task).join(', ');

// Roughly four characters a token, as providers count English: small, fixed and prompt-derived.
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/**
 * A deterministic AI SDK model (the AI SDK's `MockLanguageModelV4`) that answers the library's own
 * prompts (template parser, page facts, summaries, email composer) with schema-valid answers
 * derived from the prompt's content: search terms naming the recipient, page sentences that
 * mention them with `[PAGE N]` markers, cross-checked summaries with `[UNCERTAIN]`, and the
 * template filled with the recipient's name, interest, first paper's exact title and a sign-off
 * name (`Sam Student`). A test double, not a writer: for tests, demos and offline runs.
 *
 * The same prompt always gives the same answer, with usage of about one token per four characters.
 * A retry prompt gets an answer that fixes the reported problems where a fill-in can. Any other
 * prompt is refused with an error naming the system prompt it did not recognise.
 *
 * @example
 * ```ts
 * const model = createFakeModel();
 * await using steps = defaultSteps({ model, search: searxngSearch({ baseUrl: world.searchUrl }) });
 * const { data } = await runPipeline({ input, steps });
 * model.doGenerateCalls.length; // every call it answered
 * ```
 */
export function createFakeModel({
  modelId = 'scribe-fake-model',
}: FakeModelOptions = {}): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    provider: 'scribe-fake',
    modelId,
    doGenerate: async ({ prompt }) => {
      const { system, user } = readPromptText(prompt);
      const known = system === undefined ? undefined : ANSWERS.get(system);
      if (known === undefined) {
        throw new Error(
          `createFakeModel: unrecognised ${system === undefined ? 'call: it has no system prompt' : `system prompt "${preview(system)}"`}; it answers only scribe-pipeline's own prompts (${KNOWN_TASKS})`,
        );
      }
      const text = JSON.stringify(known.answer(user));
      return mockAnswer(text, { inputTokens: tokens(`${system}\n${user}`), outputTokens: tokens(text) });
    },
  });
}
