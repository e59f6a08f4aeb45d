import { setTimeout as sleep } from 'node:timers/promises';
import { MockLanguageModelV4 } from 'ai/test';
import { mockAnswer } from '../../src/testing/index.js';

type CallOptions = Parameters<MockLanguageModelV4['doGenerate']>[0];

/** The text of a call's prompt, system and user messages alike. */
export function promptText(prompt: CallOptions['prompt']): string {
  return prompt
    .flatMap((message) =>
      typeof message.content === 'string'
        ? [message.content]
        : message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])),
    )
    .join('\n');
}

/** The recipient every benchmark run writes to; the fixture feed's papers are by her. */
export const RECIPIENT = { name: 'Dr. Ada Lovelace', interest: 'analytical engines' };

/** A research template with placeholders the composer must fill. */
export const RESEARCH_TEMPLATE =
  'Dear {{professor_name}},\n\nI am a second-year student and I have been reading your work on {{research_area}}. In particular, {{paper_reference}} shaped how I think about my own project.\n\nWould you have time for a short call?\n\nBest regards,\nSam Student';

/**
 * A model that answers every call with `answer(promptText)` after `delayMs`, standing in for a
 * provider's latency. Unlike `createMockModel` it never runs out of answers, so one instance
 * serves any number of runs at once.
 */
export function fakeModel({
  modelId,
  delayMs = 0,
  answer,
}: {
  modelId: string;
  delayMs?: number;
  answer: (prompt: string) => unknown;
}): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    modelId,
    doGenerate: async ({ prompt, abortSignal }) => {
      if (delayMs > 0) await sleep(delayMs, undefined, abortSignal ? { signal: abortSignal } : {});
      return mockAnswer(answer(promptText(prompt)));
    },
  });
}

/** The template parser's answer: a research template, one search term. */
export function parserModel(delayMs = 0): MockLanguageModelV4 {
  return fakeModel({
    modelId: 'fake-parser',
    delayMs,
    answer: () => ({
      templateType: 'research',
      searchTerms: ['Ada Lovelace analytical engines'],
      placeholders: ['{{professor_name}}', '{{research_area}}', '{{paper_reference}}'],
    }),
  });
}

/**
 * The summariser: reads which pages its prompt shows (`number="N"`) and answers one fact citing
 * all of them, so every answer keeps the rules (markers name real pages, a multi-page line needs
 * no `[UNCERTAIN]`) and the step's normal two-tier flow runs without retries.
 */
export function summarizerModel({
  delayMs = 0,
  onPrompt,
}: {
  delayMs?: number;
  /** Sees every prompt: the page text the step handed over. */
  onPrompt?: (prompt: string) => void;
} = {}): MockLanguageModelV4 {
  return fakeModel({
    modelId: 'fake-summarizer',
    delayMs,
    answer: (prompt) => {
      onPrompt?.(prompt);
      const numbers = [...new Set([...prompt.matchAll(/number="(\d+)"/g)].map((match) => match[1]))];
      const markers = numbers.map((number) => `[PAGE ${number}]`).join(' ');
      return {
        facts: `Ada Lovelace leads the analytical engines group at Northbridge University. ${markers}`,
      };
    },
  });
}

/**
 * The composer: an email that passes the composer's validation. It names the first paper its
 * prompt lists (`1. "Title" (2024), ...`), as a research email must, or, with no paper listed,
 * the lab's work in general.
 */
export function composerModel({ delayMs = 0 }: { delayMs?: number } = {}): MockLanguageModelV4 {
  return fakeModel({
    modelId: 'fake-composer',
    delayMs,
    answer: (prompt) => {
      const title = /^\s*1\. "([^"]+)" \(\d{4}\)/m.exec(prompt)?.[1];
      const work = title === undefined ? 'the work of your group' : `your paper "${title}"`;
      const email = `Dear Dr. Lovelace,

I am a second-year student and I have been reading your work on analytical engines at Northbridge University. In particular, ${work} shaped how I think about my own project, which explores how general-purpose machines can compose simple melodies from symbolic rules rather than raw numbers.

Would you have time for a short call in the coming weeks? I would value your view on whether my approach holds up.

Best regards,
Sam Student`;
      return { email, isConfident: true, claims: [] };
    },
  });
}
