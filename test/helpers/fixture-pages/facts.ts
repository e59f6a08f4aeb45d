import { PROFESSOR } from '../../../src/testing/fixture-world/pages/professor.js';

/**
 * The strings the fixture pages are built from, so tests look for these instead of repeating
 * literals. The professor's page content (faculty, lab, news) lives in the test kit's fixture world
 * (`src/testing/fixture-world/pages`), which ships to hosts; the hostile pages stay test-only here.
 * Each `*Marker` appears on exactly one page (and, for the lab, only after its script runs), which
 * lets a test tell which page a piece of scraped text came from.
 */
export const FIXTURE_FACTS = {
  ...PROFESSOR,
  /** Only in /private/notes, which robots.txt disallows. */
  privateMarker: 'sabbatical planning memo',
  /** Only in /hostile/subresources. */
  hostileMarker: 'history of mechanical calculation',
  /** Only in /endless-js. */
  endlessMarker: 'seminar on loop invariants',
  /** In every body the canary serves: scraped output must never contain it. */
  canarySecret: 'CANARY-SECRET-5f1c9e',
} as const;
