import type { ClaimSource, EmailClaim } from '../../index.js';
import { oneLine } from './format.js';

function describeSource(source: ClaimSource): string {
  const where = source.kind === 'page' ? `[PAGE ${source.pageNumber}]` : `paper ${source.paperId}`;
  return `${where} ${source.url}: "${oneLine(source.snippet)}"`;
}

/**
 * The claims an email makes, each with its sources, for a person to check: shown under the
 * email on stderr, so stdout stays the email alone.
 *
 * @example
 * ```ts
 * for (const line of renderClaims(summary.claims).trimEnd().split('\\n')) display.note(line);
 * ```
 */
export function renderClaims(claims: readonly EmailClaim[]): string {
  if (claims.length === 0)
    return 'claims: the email states no fact about the recipient that needs a source\n';
  const lines = [`claims (${claims.length}), each with its sources:`];
  claims.forEach((claim, index) => {
    lines.push(`  ${index + 1}. ${oneLine(claim.text)}`);
    for (const source of claim.sources) lines.push(`     ${describeSource(source)}`);
    for (const problem of claim.problems) lines.push(`     problem: ${oneLine(problem)}`);
  });
  return `${lines.join('\n')}\n`;
}
