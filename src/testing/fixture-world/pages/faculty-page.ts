import { htmlDocument } from './html-document.js';
import { PROFESSOR, SHARED_POSITION_SENTENCE } from './professor.js';

const { name, title, university, researchInterest } = PROFESSOR;

// Real university pages bury the profile in chrome: a nav, a cookie banner and a link-heavy footer.
// The scraper has to drop all of that and keep the header div, which Readability discards.
const navigation = `<header class="site-header">
<a class="logo" href="/">${university}</a>
<nav aria-label="Main">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/about">About</a></li>
<li><a href="/admissions">Admissions</a></li>
<li><a href="/research">Research</a></li>
<li><a href="/faculty">Faculty directory</a></li>
<li><a href="/news/award">Latest news</a></li>
</ul>
</nav>
</header>
<div class="cookie-banner" role="dialog">
<p>We use cookies to improve your experience on our website. By continuing to browse you agree to our use of cookies.</p>
<button type="button">Accept all</button> <button type="button">Manage preferences</button>
</div>`;

const footerLinks = [
  'Contact us',
  'Campus map',
  'Library',
  'Careers',
  'Accessibility',
  'Privacy notice',
  'Freedom of information',
  'Modern slavery statement',
  'Alumni',
  'Giving',
  'Press office',
  'Events',
];

const footer = `<footer class="site-footer">
<ul>
${footerLinks.map((label) => `<li><a href="/${label.toLowerCase().replaceAll(' ', '-')}">${label}</a></li>`).join('\n')}
<li><a href="/private/notes">Staff intranet</a></li>
</ul>
<p>&copy; 2026 ${university}. Registered charity number 1234567.</p>
</footer>`;

const article = `<main>
<div class="profile-header"><h1>${name}</h1><p>${title}</p></div>
<article class="profile-body">
<section>
<h2>Current position</h2>
<p>${SHARED_POSITION_SENTENCE} Since 2019 she has led the Symbolic Computation Group and
directed the <a href="/lab">Lovelace Lab</a>. Before joining ${university} she held a
research fellowship at the Institute for Mechanical Reasoning and taught mathematics to engineering
undergraduates. She serves on the programme committee of the International Symposium on Symbolic and
Algebraic Computation and is an associate editor of the Journal of Computing Machinery.</p>
</section>
<section>
<h2>Research</h2>
<p>Her research interest is ${researchInterest}. She studies how general-purpose machines can
manipulate symbols as well as numbers, and how programs for such machines can be written down, checked
and reasoned about before they are ever run. Her group builds compilers that translate algebraic
specifications into sequences of operations for analytical engines, and proof tools that show those
sequences compute what the specification says. A long-running thread of her work asks which problems
outside arithmetic, such as the composition of music or the manipulation of algebraic expressions,
can be expressed as operations on symbols.</p>
</section>
<section>
<h2>Recent work (2025-2026)</h2>
<p>In 2025 her group released an open verifier for operation cards, which checks loop bounds and
variable reuse in engine programs. In 2026 she began a collaboration with the Department of Music on
algorithmic composition, and she gave a keynote on the history and future of symbolic computation at
the Northbridge Computing Colloquium.</p>
</section>
<section>
<h2>Selected publications</h2>
<ul class="publications">
<li>Lovelace, A. (2026). Verifying Operation Cards: Loop Bounds for Analytical Engine Programs. Journal of Computing Machinery, 41(2).</li>
<li>Lovelace, A., and Somerville, M. (2025). Symbolic Differentiation on General-Purpose Engines. Proceedings of ISSAC 2025.</li>
<li>Lovelace, A. (2025). Beyond Number: Engines that Compose Music. Communications in Symbolic Computation, 12(4).</li>
<li>Lovelace, A., and Babbage, C. (2024). Notes on the Computation of Bernoulli Numbers, Revisited. Annals of Computing History, 8(1).</li>
</ul>
</section>
<section>
<h2>Teaching</h2>
<p>She teaches the second-year course Programming Analytical Engines and the graduate seminar
Symbolic Computation, and supervises final-year projects on compilers and program verification. Her
teaching was recognised with the faculty's student-nominated teaching prize.</p>
</section>
</article>
</main>`;

/** `/faculty/ada-lovelace`: a static profile page with realistic site chrome around the article. */
export const facultyPage = htmlDocument({
  title: `Ada Lovelace | ${university}`,
  head: `<meta name="description" content="${name}, ${title} at ${university}. Research on ${researchInterest}.">
<style>.cookie-banner{position:fixed;bottom:0}.site-footer li{display:inline}</style>`,
  body: `${navigation}\n${article}\n${footer}`,
});
