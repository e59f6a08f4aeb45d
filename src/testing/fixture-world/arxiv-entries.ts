/** One paper as the world's arXiv serves it. Fields mirror the Atom entry (see atom-feed.ts). */
export interface WorldArxivEntry {
  /** Versioned, e.g. `2602.04117v2`. */
  versionedId: string;
  title: string;
  summary: string;
  authors: readonly { name: string; affiliations?: readonly string[] }[];
  published: string;
  updated: string;
  primaryCategory: string;
  categories: readonly string[];
  comment?: string;
  journalRef?: string;
  doi?: string;
}

const NORTHBRIDGE = ['Northbridge University'];

/**
 * The papers arXiv's author search returns for "Ada Lovelace", in arXiv's relevance order: four
 * recent papers by her (matching her faculty page's publication list), one by a namesake in
 * physics (Adrian Lovelace) and one from 2009, older than the arXiv helper's ten-year window.
 */
export const LOVELACE_ENTRIES: readonly WorldArxivEntry[] = [
  {
    versionedId: '2602.04117v2',
    title: 'Verifying Operation Cards: Loop Bounds for Analytical Engine Programs',
    summary: `Programs for analytical engines are written as sequences of operation cards and variable
cards, and a single misplaced card can make a loop run forever or overwrite a value still in use. We
present a verifier that, given an engine program and an algebraic specification, proves bounds on
every loop and checks that no variable column is reused while live. The verifier handles the
backing and advancing of cards that engine programs use for iteration. On a corpus of 212 published
engine programs it proves termination for 197 and finds reuse errors in 6, including one in a
widely reprinted table of Bernoulli numbers.`,
    authors: [{ name: 'Ada Lovelace', affiliations: NORTHBRIDGE }],
    published: '2026-02-10T17:02:41Z',
    updated: '2026-04-02T09:15:07Z',
    primaryCategory: 'cs.LO',
    categories: ['cs.LO', 'cs.PL', 'cs.SC'],
    comment: '24 pages, 5 figures. Tool and corpus available from the Lovelace Lab',
    journalRef: 'Journal of Computing Machinery 41(2) (2026) 113-137',
  },
  {
    versionedId: '2309.12208v3',
    title: 'Compiling Algebraic Specifications to Operation Cards',
    summary: `We describe a compiler that turns algebraic specifications of numerical and symbolic
procedures into card sequences for an analytical engine. The compiler allocates variable columns,
schedules the mill's operations and emits the backing instructions that implement loops. We show
that the generated programs use on average 18% fewer cards than hand-written ones from the
literature, and discuss what the engine's architecture means for symbolic computation.`,
    authors: [
      { name: 'Ada Lovelace', affiliations: NORTHBRIDGE },
      { name: 'Charles Babbage' },
      { name: 'Luigi F. Menabrea' },
    ],
    published: '2023-09-21T08:44:10Z',
    updated: '2024-01-15T12:30:55Z',
    primaryCategory: 'cs.PL',
    categories: ['cs.PL', 'cs.SC'],
    comment: 'Extended version; 31 pages',
    doi: '10.5555/jcm.2024.0107',
  },
  {
    versionedId: '2506.01873v1',
    title: 'Symbolic Differentiation on General-Purpose Engines',
    summary: `General-purpose engines can manipulate symbols as well as numbers. We give a
representation of algebraic expressions on variable columns and a card program that differentiates
them symbolically, with simplification of the result. The program runs on a reconstructed
difference engine extended with a store, and we compare its card counts with a numeric
finite-difference approach.`,
    authors: [
      { name: 'Ada Lovelace', affiliations: NORTHBRIDGE },
      { name: 'Mary Somerville', affiliations: NORTHBRIDGE },
    ],
    published: '2025-06-03T14:20:00Z',
    updated: '2025-06-03T14:20:00Z',
    primaryCategory: 'cs.SC',
    categories: ['cs.SC', 'cs.MS'],
    comment: 'Proceedings of ISSAC 2025',
  },
  {
    versionedId: '2407.15530v1',
    title: 'Symbolic Regression of Resonator Losses in Superconducting Circuits',
    summary: `We apply symbolic regression to measurements of internal quality factors in niobium
coplanar waveguide resonators and recover compact expressions for two-level-system and quasiparticle
losses. The computation runs on a laptop in minutes and the recovered expressions extrapolate to
temperatures outside the training range.`,
    authors: [{ name: 'Adrian Lovelace' }, { name: 'Priya Raman' }],
    published: '2024-07-22T19:05:31Z',
    updated: '2024-07-22T19:05:31Z',
    primaryCategory: 'cond-mat.supr-con',
    categories: ['cond-mat.supr-con', 'physics.comp-ph'],
    comment: '9 pages, 4 figures',
  },
  {
    versionedId: '2501.09952v1',
    title: 'Beyond Number: Engines that Compose Music',
    summary: `If the relations of pitched sounds could be expressed as operations on symbols, an
engine could compose elaborate pieces of music of any degree of complexity. We encode a small
grammar of harmony as card programs and generate short pieces on a reconstructed engine, and we
discuss what such experiments say about the limits of symbolic computation.`,
    authors: [{ name: 'Ada Lovelace', affiliations: NORTHBRIDGE }],
    published: '2025-01-17T10:11:12Z',
    updated: '2025-01-17T10:11:12Z',
    primaryCategory: 'cs.SD',
    categories: ['cs.SD', 'cs.SC'],
    journalRef: 'Communications in Symbolic Computation 12(4) (2025)',
  },
  {
    versionedId: '0905.2210v1',
    title: 'On the Computation of Bernoulli Numbers by an Analytical Engine',
    summary: `We give a complete program, as a table of operations and variables, by which an
analytical engine would compute the Bernoulli numbers, and discuss the cycles and repetitions it
relies on.`,
    authors: [{ name: 'A. Lovelace' }],
    published: '2009-05-14T11:00:00Z',
    updated: '2009-05-14T11:00:00Z',
    primaryCategory: 'math.HO',
    categories: ['math.HO', 'cs.SC'],
  },
];
