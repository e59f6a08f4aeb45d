/**
 * The people the world's OpenAlex-, Semantic Scholar- and Crossref-shaped endpoints know: Ada
 * Lovelace of Northbridge (the world's professor), a namesake of hers at another university in
 * another field, and a chemist with no arXiv papers at all, whose OpenAlex record was merged
 * into a new id (asking for the old one answers 301).
 */
export interface WorldWork {
  title: string;
  abstract: string;
  /** ISO date. */
  date: string;
  venue: string;
  doi: string;
  /** Besides the scholar. */
  coauthors: readonly string[];
}

export interface WorldScholar {
  name: string;
  openAlexId: string;
  /** An older OpenAlex id merged into `openAlexId`: asking for it answers 301. */
  mergedOpenAlexId?: string;
  semanticScholarId: string;
  orcid?: string;
  institution: string;
  topics: readonly string[];
  works: readonly WorldWork[];
}

export const NORTHBRIDGE = 'Northbridge University';

export const ADA_NORTHBRIDGE: WorldScholar = {
  name: 'Ada Lovelace',
  openAlexId: 'A5000000001',
  semanticScholarId: '1741101',
  orcid: '0000-0002-1825-0097',
  institution: NORTHBRIDGE,
  topics: ['Symbolic computation', 'Analytical engines', 'Program verification'],
  works: [
    {
      // The arXiv paper 2309.xxxx's journal version: same DOI, so the merge keeps one record.
      title: 'Compiling Algebraic Specifications to Operation Cards',
      abstract:
        'We compile algebraic specifications into sequences of operation cards for analytical engines, and prove the translation preserves meaning.',
      date: '2024-01-15',
      venue: 'Journal of Computing Machinery',
      doi: '10.5555/jcm.2024.0107',
      coauthors: ['Charles Babbage', 'Luigi F. Menabrea'],
    },
    {
      title: 'A Calculus of Engine Programs with Loops',
      abstract:
        'A small calculus for analytical engine programs with backing and advancing cards, with a type system that bounds loop iterations symbolically.',
      date: '2025-09-02',
      venue: 'Proceedings of the Symposium on Symbolic Computation',
      doi: '10.5555/ssc.2025.0042',
      coauthors: ['Mary Somerville'],
    },
  ],
};

export const ADA_SEVILLA: WorldScholar = {
  name: 'Ada Lovelace',
  openAlexId: 'A5000000002',
  semanticScholarId: '2950002',
  orcid: '0000-0003-4422-7189',
  institution: 'Universidad de Sevilla',
  topics: ['Medieval Iberian history', 'Manuscript studies'],
  works: [
    {
      title: 'Trade Ledgers of Fourteenth-Century Seville',
      abstract:
        'A study of merchant ledgers kept in Seville between 1320 and 1390 and what they show of credit.',
      date: '2024-06-10',
      venue: 'Journal of Medieval Iberian Studies',
      doi: '10.5555/jmis.2024.0311',
      coauthors: ['Tomás Ferrer'],
    },
    {
      title: 'Scribes and Seals in the Castilian Chancery',
      abstract: 'How chancery scribes authenticated documents in Castile, read from seals and hands.',
      date: '2022-11-21',
      venue: 'Manuscript Studies Quarterly',
      doi: '10.5555/msq.2022.0088',
      coauthors: [],
    },
  ],
};

export const IMANI_OKAFOR: WorldScholar = {
  name: 'Imani Okafor',
  openAlexId: 'A5000000003',
  mergedOpenAlexId: 'A4000000099',
  semanticScholarId: '3120003',
  orcid: '0000-0001-5109-3700',
  institution: NORTHBRIDGE,
  topics: ['Asymmetric organocatalysis', 'Green chemistry'],
  works: [
    {
      title: 'Enantioselective Organocatalytic Michael Additions in Water',
      abstract:
        'Chiral secondary amines catalyse Michael additions of aldehydes to nitroalkenes in water with up to 98% enantiomeric excess, removing organic solvents from the reaction.',
      date: '2025-04-08',
      venue: 'Journal of Organic Chemistry Letters',
      doi: '10.5555/jocl.2025.1204',
      coauthors: ['Samuel Adeyemi', 'Lena Fischer'],
    },
    {
      title: 'Recyclable Proline Catalysts on Silica Supports',
      abstract:
        'Proline immobilised on mesoporous silica catalyses asymmetric aldol reactions and keeps its selectivity over ten cycles of reuse.',
      date: '2023-10-19',
      venue: 'Green Chemistry Reports',
      doi: '10.5555/gcr.2023.0456',
      coauthors: ['Samuel Adeyemi'],
    },
    {
      title: 'Organocatalysis Without Organic Solvents: A Review',
      abstract:
        'A review of asymmetric organocatalysis run in water, in deep eutectic solvents and without solvent, and of what still needs a solvent.',
      date: '2022-02-01',
      venue: 'Chemical Society Perspectives',
      doi: '10.5555/csp.2022.0031',
      coauthors: [],
    },
  ],
};

export const SCHOLARS: readonly WorldScholar[] = [ADA_NORTHBRIDGE, ADA_SEVILLA, IMANI_OKAFOR];
