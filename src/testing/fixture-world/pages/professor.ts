/**
 * The fictional professor the fixture world is about, and the strings its pages are built from.
 * Each `*Marker` appears on exactly one page (the lab's only after its script runs), so a test can
 * tell which page a piece of scraped text came from.
 */
export const PROFESSOR = {
  name: 'Dr. Ada Lovelace',
  title: 'Professor of Computer Science',
  university: 'Northbridge University',
  researchInterest: 'analytical engines and symbolic computation',
  /** Only in /news/award. */
  awardMarker: '2026 Babbage Medal for Symbolic Computation',
  /** Only in the text /lab's script writes into #app (never in the static HTML outside that script). */
  labMarker: 'Difference Engine Reconstruction Project',
} as const;

/**
 * One sentence every page states word for word (faculty profile, lab "People" section, the news
 * article's note on the researcher), the way a university's pages repeat an official line: the one
 * fact a summary can confirm across pages.
 */
export const SHARED_POSITION_SENTENCE = `Ada Lovelace is ${PROFESSOR.title} at ${PROFESSOR.university}.`;
