import { MAX_CLAIM_SNIPPET_CHARS } from '../../../core/claims.js';
import { normalizeText } from '../../../text/normalize.js';
import { stemLight } from '../../../text/stem.js';

/**
 * The sentence of `text` that shares the most words with `claim`, cut to
 * {@link MAX_CLAIM_SNIPPET_CHARS} around its first shared word: what a reader checks the claim
 * against. The text's opening when nothing is shared.
 *
 * @example
 * ```ts
 * bestSnippet('Ada won the 2019 Sloan Fellowship.', 'Lab news. In 2019 Ada won the Sloan Fellowship. More.');
 * // 'In 2019 Ada won the Sloan Fellowship.'
 * ```
 */
export function bestSnippet(claim: string, text: string): string {
  const wanted = new Set(
    normalizeText(claim)
      .split(' ')
      .filter((word) => word.length > 2)
      .map(stemLight),
  );
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((sentence) => sentence.trim() !== '');
  let best = { sentence: sentences[0] ?? '', score: 0 };
  for (const sentence of sentences) {
    const seen = new Set(
      normalizeText(sentence)
        .split(' ')
        .map(stemLight)
        .filter((word) => wanted.has(word)),
    );
    if (seen.size > best.score) best = { sentence, score: seen.size };
  }
  return cutAround(best.sentence.replace(/\s+/g, ' ').trim(), wanted);
}

function cutAround(sentence: string, wanted: ReadonlySet<string>): string {
  if (sentence.length <= MAX_CLAIM_SNIPPET_CHARS) return sentence;
  const tokens = sentence.split(' ');
  const first = tokens.findIndex((token) =>
    normalizeText(token)
      .split(' ')
      .some((word) => wanted.has(stemLight(word))),
  );
  // Start a little before the first shared word, so the snippet reads as a phrase.
  const start = Math.max(0, first - 8);
  let snippet = '';
  for (const token of tokens.slice(start)) {
    const next = snippet === '' ? token : `${snippet} ${token}`;
    if (next.length + 2 > MAX_CLAIM_SNIPPET_CHARS) break;
    snippet = next;
  }
  return `${start > 0 ? '…' : ''}${snippet}…`.slice(0, MAX_CLAIM_SNIPPET_CHARS);
}
