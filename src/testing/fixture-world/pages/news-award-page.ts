import { htmlDocument } from './html-document.js';
import { PROFESSOR, SHARED_POSITION_SENTENCE } from './professor.js';

const { name, university, awardMarker, researchInterest } = PROFESSOR;

/** `/news/award`: a static news article; the only page that mentions the 2026 award. */
export const newsAwardPage = htmlDocument({
  title: `Lovelace wins award | News | ${university}`,
  head: `<meta name="description" content="${name} receives the ${awardMarker}.">`,
  body: `<main>
<article>
<h1>Lovelace receives the ${awardMarker}</h1>
<p class="dateline">Published 14 March 2026</p>
<p>${name}, Professor of Computer Science at ${university}, has received the ${awardMarker}.
The medal is awarded each year by the Society for the History and Theory of Computing to a researcher
whose work has changed how we think about programming general-purpose machines.</p>
<p>The award committee cited her work on ${researchInterest}, in particular her verifier for
operation cards, which checks the loops and variable reuse of engine programs before they run, and her
studies of how engines might compose music from symbolic rules.</p>
<p>"This recognition belongs to the whole group," Lovelace said. "Our students built most of the tools
the committee mentioned." The medal will be presented at the society's annual meeting in September 2026.</p>
<h2>About the researcher</h2>
<p>${SHARED_POSITION_SENTENCE} She joined the university in 2019 and leads its Symbolic Computation
Group.</p>
</article>
</main>`,
});
