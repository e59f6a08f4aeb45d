/**
 * The strings the fixture pages are built from, so tests look for these instead of repeating
 * literals. Each `*Marker` appears on exactly one page (and, for the lab, only after its script runs),
 * which lets a test tell which page a piece of scraped text came from.
 */
export const FIXTURE_FACTS = {
  name: 'Dr. Ada Lovelace',
  title: 'Professor of Computer Science',
  university: 'Northbridge University',
  researchInterest: 'analytical engines and symbolic computation',
  /** Only in /news/award. */
  awardMarker: '2026 Babbage Medal for Symbolic Computation',
  /** Only in the text /lab's script writes into #app (never in the static HTML outside that script). */
  labMarker: 'Difference Engine Reconstruction Project',
  /** Only in /private/notes, which robots.txt disallows. */
  privateMarker: 'sabbatical planning memo',
  /** Only in /hostile/subresources. */
  hostileMarker: 'history of mechanical calculation',
  /** Only in /endless-js. */
  endlessMarker: 'seminar on loop invariants',
  /** In every body the canary serves: scraped output must never contain it. */
  canarySecret: 'CANARY-SECRET-5f1c9e',
} as const;
