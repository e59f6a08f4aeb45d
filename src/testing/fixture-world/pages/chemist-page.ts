import { IMANI_OKAFOR } from '../scholarly/scholars.js';
import { htmlDocument } from './html-document.js';

/**
 * The world's second recipient: a chemist at the same university, with no arXiv papers at all.
 * Her page names her department and university and links her ORCID, the evidence the paper
 * lookup uses to tell her from namesakes.
 */
export const CHEMIST = {
  name: `Prof. ${IMANI_OKAFOR.name}`,
  title: 'Professor of Organic Chemistry',
  university: IMANI_OKAFOR.institution,
  researchInterest: 'asymmetric organocatalysis in water',
  orcid: IMANI_OKAFOR.orcid as string,
} as const;

export const chemistPage = htmlDocument({
  title: `${IMANI_OKAFOR.name} | Department of Chemistry | ${CHEMIST.university}`,
  body: `<main>
<h1>${CHEMIST.name}</h1>
<p>${CHEMIST.title}, Department of Chemistry, ${CHEMIST.university}.</p>
<section>
<h2>Research</h2>
<p>Imani Okafor is ${CHEMIST.title} at ${CHEMIST.university}. Her group develops chiral organocatalysts
that work in water instead of organic solvents, so that asymmetric reactions used to make medicines
produce less waste. The group's proline catalysts on silica supports can be recovered and reused for
ten cycles without losing selectivity. Her research interest is ${CHEMIST.researchInterest}.</p>
</section>
<section>
<h2>Teaching</h2>
<p>She teaches the second-year course on reaction mechanisms and supervises final-year research projects
in green chemistry.</p>
</section>
<p>ORCID: <a href="https://orcid.org/${CHEMIST.orcid}">https://orcid.org/${CHEMIST.orcid}</a></p>
</main>`,
});
