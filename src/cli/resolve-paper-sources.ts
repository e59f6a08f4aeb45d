import type { ArxivClient } from '../index.js';
import {
  arxivSource,
  crossrefSource,
  openAlexSource,
  type PaperSource,
  semanticScholarSource,
} from '../papers/index.js';
import { UsageError } from './usage-error.js';

type Env = Readonly<Record<string, string | undefined>>;

const KNOWN = ['arxiv', 'openalex', 'semantic_scholar', 'crossref'] as const;

/**
 * The paper sources a run asks: `--papers` when given, else arXiv plus each source whose
 * variable is set (`OPENALEX_API_KEY`, `SEMANTIC_SCHOLAR_API_KEY`, `CROSSREF_MAILTO`). Undefined
 * means arXiv alone, the library's default. `OPENALEX_URL`, `SEMANTIC_SCHOLAR_URL` and
 * `CROSSREF_URL` point a source at a mirror or a local server.
 *
 * @throws UsageError for an unknown name, or OpenAlex without its key.
 */
export function resolvePaperSources(
  names: readonly string[] | undefined,
  env: Env,
  arxivClient: ArxivClient | undefined,
): PaperSource[] | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  const chosen = names ?? [
    'arxiv',
    ...(value('OPENALEX_API_KEY') ? ['openalex'] : []),
    ...(value('SEMANTIC_SCHOLAR_API_KEY') ? ['semantic_scholar'] : []),
    ...(value('CROSSREF_MAILTO') ? ['crossref'] : []),
  ];
  const unknown = chosen.find((name) => !(KNOWN as readonly string[]).includes(name));
  if (unknown !== undefined || chosen.length === 0) {
    throw new UsageError(
      `--papers: ${unknown ? `"${unknown}" is not a paper source` : 'name at least one source'}; choose from ${KNOWN.join(', ')}`,
      { field: '--papers' },
    );
  }
  // arXiv alone is the library's default, which also caches through the arXiv client.
  if (chosen.every((name) => name === 'arxiv')) return undefined;
  const baseUrl = (name: string) => (value(name) ? { baseUrl: value(name) as string } : {});
  return [...new Set(chosen)].map((name): PaperSource => {
    if (name === 'openalex') {
      const apiKey = value('OPENALEX_API_KEY');
      if (apiKey === undefined) {
        throw new UsageError('--papers openalex needs OPENALEX_API_KEY: OpenAlex asks for a (free) key', {
          field: '--papers',
        });
      }
      return openAlexSource({ apiKey, ...baseUrl('OPENALEX_URL') });
    }
    if (name === 'semantic_scholar') {
      const apiKey = value('SEMANTIC_SCHOLAR_API_KEY');
      return semanticScholarSource({ ...(apiKey ? { apiKey } : {}), ...baseUrl('SEMANTIC_SCHOLAR_URL') });
    }
    if (name === 'crossref') {
      const mailto = value('CROSSREF_MAILTO');
      return crossrefSource({ ...(mailto ? { mailto } : {}), ...baseUrl('CROSSREF_URL') });
    }
    return arxivSource(arxivClient === undefined ? {} : { client: arxivClient });
  });
}
