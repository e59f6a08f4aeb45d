/** Where a claim in an email comes from, with the words of the source that support it. */
export type ClaimSource =
  | {
      kind: 'page';
      /** The `N` of the research notes' `[PAGE N]` marker. */
      pageNumber: number;
      url: string;
      title: string;
      /** The passage of the page that best supports the claim, at most {@link MAX_CLAIM_SNIPPET_CHARS}. */
      snippet: string;
    }
  | {
      kind: 'paper';
      /** The paper's `id` (an arXiv id for arXiv papers). */
      paperId: string;
      url: string;
      title: string;
      /** The passage of the title or abstract that best supports the claim, at most {@link MAX_CLAIM_SNIPPET_CHARS}. */
      snippet: string;
    };

/**
 * One factual statement an email makes about its recipient, with the sources the composer cited
 * for it. A finished email's claims all passed the claim check; a draft saved for review may
 * carry claims with `problems`.
 *
 * @example
 * ```ts
 * for (const claim of data.compositionMetadata?.claims ?? []) {
 *   console.log(claim.text, claim.sources.map((source) => source.url));
 * }
 * ```
 */
export interface EmailClaim {
  text: string;
  sources: ClaimSource[];
  /** Why the claim is not supported by its sources; empty when it is. */
  problems: string[];
}

/** A claim's supporting snippet is cut to this many characters. */
export const MAX_CLAIM_SNIPPET_CHARS = 300;
