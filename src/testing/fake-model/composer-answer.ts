import type { ComposerAnswer } from '../../steps/email-composer/answer-schema.js';
import { PAPER_TAG, RESEARCH_TAG } from '../../steps/email-composer/prompts.js';
import { NO_WEB_INFORMATION } from '../../steps/web-scraper/summary/summarize.js';
import { UNCERTAIN_MARKER } from '../../steps/web-scraper/summary/summary-rules.js';
import { normalizeText } from '../../text/normalize.js';
import { mentionsTitle } from '../../text/title-match.js';
import { type FillMaterial, fillPlaceholder, fillTemplate, type ListedPaper } from './fill-template.js';
import {
  afterLastBlock,
  attributedBlocks,
  feedbackProblems,
  headerValue,
  taggedBlock,
} from './prompt-sections.js';
import { withoutCitations } from './sentences.js';

// The fake aims inside validateEmail's bounds with room to spare: at least 80 words, at most 250.
const MIN_WORDS = 80;
const MAX_WORDS = 250;
// Words that open a fact but not a sentence after "I also read that".
const LOWER_AFTER_THAT = /^(The|A|An|In|Her|His|Their|She|He|They|This|Our|Its|Since|Before)\b/;

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** A listed paper with the label claims cite it by (`PAPER 1`). */
interface LabelledPaper extends ListedPaper {
  label: string;
}

/** The papers of the prompt's `<untrusted_paper label="PAPER n">` blocks, in prompt order. */
function listedPapers(prompt: string): LabelledPaper[] {
  return attributedBlocks(prompt, PAPER_TAG).flatMap(({ attributes, text }) => {
    const title = /^Title: (.*)$/m.exec(text)?.[1];
    const year = Number(/^Year: (\d{4})$/m.exec(text)?.[1]);
    return title === undefined || attributes.label === undefined
      ? []
      : [{ title, year, label: attributes.label }];
  });
}

/** A research note as a plain sentence, with the pages its `[PAGE N]` markers cite. */
interface ResearchFact {
  text: string;
  pages: number[];
}

/** The research notes, facts several pages confirm before `[UNCERTAIN]` ones. */
function researchFacts(block: string | undefined): ResearchFact[] {
  if (block === undefined || block.trim() === NO_WEB_INFORMATION) return [];
  const lines = block.split('\n').filter((line) => line.trim() !== '');
  const certain = lines.filter((line) => !line.includes(UNCERTAIN_MARKER));
  const uncertain = lines.filter((line) => line.includes(UNCERTAIN_MARKER));
  return [...certain, ...uncertain]
    .map((line) => ({
      text: withoutCitations(line),
      pages: [...line.matchAll(/\[PAGE (\d+)\]/g)].map((match) => Number(match[1])),
    }))
    .filter((fact) => fact.text !== '');
}

/**
 * The claims an honest composer lists for `email`: each listed paper whose title it mentions,
 * citing that paper, and each research fact it repeats, citing the fact's pages.
 */
function claimsOf(
  email: string,
  recipientName: string,
  papers: readonly LabelledPaper[],
  facts: readonly ResearchFact[],
): ComposerAnswer['claims'] {
  return [
    ...papers
      .filter((paper) => mentionsTitle(paper.title, email))
      .map((paper) => ({
        claim: `${recipientName} wrote "${paper.title}" (${paper.year}).`,
        sources: [paper.label],
      })),
    ...facts
      .filter((fact) => fact.pages.length > 0 && normalizeText(email).includes(normalizeText(fact.text)))
      .map((fact) => ({ claim: asSentence(fact.text), sources: fact.pages.map((page) => `PAGE ${page}`) })),
  ];
}

function asSentence(text: string): string {
  return /[.!?]["'”’)]?$/.test(text) ? text : `${text}.`;
}

/** Sentences the fake may add to reach its length: further papers, then facts, then the interest. */
function paddingSentences(
  papers: readonly ListedPaper[],
  facts: readonly ResearchFact[],
  interest: string,
): string[] {
  return [
    ...papers.slice(1).map(({ title, year }) => `I have also been reading "${title}" (${year}).`),
    ...facts.map(
      (fact) =>
        `I also read that ${asSentence(fact.text.replace(LOWER_AFTER_THAT, (word) => word.toLowerCase()))}`,
    ),
    `I would be glad to hear more about your work on ${interest}.`,
  ];
}

/** Adds sentences, as one paragraph after the longest one, until the email has 80 words (never past 250). */
function padToLength(email: string, sentences: readonly string[]): string {
  let words = wordCount(email);
  const added: string[] = [];
  for (const sentence of sentences) {
    if (words >= MIN_WORDS) break;
    const size = wordCount(sentence);
    if (email.includes(sentence) || words + size > MAX_WORDS) continue;
    added.push(sentence);
    words += size;
  }
  if (added.length === 0) return email;
  const paragraphs = email.split(/\n{2,}/);
  const longest = paragraphs.reduce(
    (best, paragraph, index) => (wordCount(paragraph) > wordCount(paragraphs[best] ?? '') ? index : best),
    0,
  );
  paragraphs.splice(longest + 1, 0, added.join(' '));
  return paragraphs.join('\n\n');
}

/** Fixes the problems validateEmail reported that a fill-in can fix; others stay as they were. */
function addressProblems(
  draft: string,
  problems: readonly string[],
  material: FillMaterial,
  padding: readonly string[],
): string {
  let email = draft;
  for (const problem of problems) {
    const placeholder = /^unfilled placeholder: (.+)$/.exec(problem)?.[1];
    const invented = /^quotes a title found in no provided paper[^:]*: "(.+)"$/.exec(problem)?.[1];
    const [paper] = material.papers;
    if (placeholder !== undefined) email = fillPlaceholder(email, placeholder, material);
    else if (invented !== undefined)
      email = email.replace(`"${invented}"`, invented).replace(`“${invented}”`, invented);
    else if (problem.startsWith('too short')) email = padToLength(email, padding);
    else if (problem.startsWith('does not name the recipient')) {
      const greeting = `Dear ${material.recipientName},`;
      const [first = '', ...rest] = email.split('\n');
      email = /^(dear|hello|hi|to)\b/i.test(first)
        ? [greeting, ...rest].join('\n')
        : `${greeting}\n\n${email}`;
    } else if (problem.startsWith('mentions none of the provided papers') && paper !== undefined) {
      const paragraphs = email.split(/\n{2,}/);
      paragraphs.splice(
        Math.min(1, paragraphs.length),
        0,
        `I have been reading your paper "${paper.title}" (${paper.year}).`,
      );
      email = paragraphs.join('\n\n');
    }
  }
  return email;
}

/**
 * The composer's answer. First draft: the template with its placeholders filled (recipient's
 * name, interest, the first paper's exact title in quotes, a sign-off name), lengthened to 80
 * words from the papers and research when shorter. A retry: the previous draft with the reported
 * problems fixed where a fill-in can fix them. Confident when it had research facts or papers.
 */
export function composerAnswer(prompt: string): ComposerAnswer {
  const papers = listedPapers(prompt);
  const facts = researchFacts(taggedBlock(prompt, RESEARCH_TAG));
  const material: FillMaterial = {
    recipientName: headerValue(prompt, 'Recipient'),
    recipientInterest: headerValue(prompt, "Recipient's research interest"),
    papers,
  };
  const padding = paddingSentences(papers, facts, material.recipientInterest);
  const previous = taggedBlock(prompt, 'previous_draft');
  const email =
    previous === undefined
      ? padToLength(fillTemplate(taggedBlock(prompt, 'template') ?? '', material), padding)
      : addressProblems(
          previous,
          feedbackProblems(afterLastBlock(prompt, 'previous_draft')),
          material,
          padding,
        );
  return {
    email: email.trim(),
    claims: claimsOf(email, material.recipientName, papers, facts),
    isConfident: facts.length > 0 || papers.length > 0,
  };
}
