// Reads the parts of the library's own prompts back out: the header lines every step writes, and
// the data fenced between tags (src/text/fence.ts explains the fencing undone here).

import { PROBLEMS_TAG } from '../../text/fence.js';

/** The value of a `Label: value` header line: the first one, which is the step's own header. */
export function headerValue(prompt: string, label: string): string {
  const line = prompt.split('\n').find((candidate) => candidate.startsWith(`${label}: `));
  return line === undefined ? '' : line.slice(label.length + 2).trim();
}

/** Undoes `fence`: `</ tag` and `< tag` back to `</tag` and `<tag`. */
export function unfence(text: string, tag: string): string {
  return text.replace(new RegExp(`<(/?) (${tag})(?![\\w-])`, 'gi'), '<$1$2');
}

/**
 * The data between the first `<tag>` line and the `</tag>` line after it, unfenced; undefined when
 * the prompt has no such block. Fencing guarantees the data holds no real closing tag of its own.
 */
export function taggedBlock(prompt: string, tag: string): string | undefined {
  const open = prompt.indexOf(`<${tag}>\n`);
  if (open < 0) return undefined;
  const start = open + tag.length + 3;
  const close = prompt.indexOf(`\n</${tag}>`, start - 1);
  if (close < 0) return undefined;
  return unfence(prompt.slice(start, Math.max(start, close)), tag);
}

/** One `<tag name="value"...>` block: its attributes (unescaped) and its data (unfenced). */
export interface AttributedBlock {
  attributes: Record<string, string>;
  text: string;
}

function unescapeAttribute(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Every block `fenceBlock(tag, ...)` wrote, in prompt order. */
export function attributedBlocks(prompt: string, tag: string): AttributedBlock[] {
  const pattern = new RegExp(`<${tag}((?: [\\w-]+="[^"]*")*)>\\n([\\s\\S]*?)\\n</${tag}>`, 'g');
  return [...prompt.matchAll(pattern)].map((match) => {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of (match[1] ?? '').matchAll(/ ([\w-]+)="([^"]*)"/g)) {
      if (name !== undefined) attributes[name] = unescapeAttribute(value ?? '');
    }
    return { attributes, text: unfence(match[2] ?? '', tag) };
  });
}

/** What the prompt says after the last closing `</tag>`: the instructions, and any feedback. */
export function afterLastBlock(prompt: string, tag: string): string {
  const close = prompt.lastIndexOf(`</${tag}>`);
  return close < 0 ? prompt : prompt.slice(close + tag.length + 3);
}

/** The `At most 3,000 characters` limit a summary prompt states, or `fallback` without one. */
export function statedCharacterLimit(instructions: string, fallback: number): number {
  const match = /At most ([\d,]+) characters/.exec(instructions);
  const limit = match?.[1] === undefined ? Number.NaN : Number(match[1].replaceAll(',', ''));
  return Number.isFinite(limit) && limit > 0 ? limit : fallback;
}

/** The `- problem` lines of a retry prompt's fenced `<problems>` block (see `retryFeedback`). */
export function feedbackProblems(instructions: string): string[] {
  // The last block: the feedback comes after everything the prompt quotes.
  const block = taggedBlock(
    instructions.slice(Math.max(0, instructions.lastIndexOf(`<${PROBLEMS_TAG}>\n`))),
    PROBLEMS_TAG,
  );
  if (block === undefined) return [];
  return block
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
}
