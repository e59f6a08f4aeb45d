import { htmlDocument } from './html-document.js';
import { PROFESSOR, SHARED_POSITION_SENTENCE } from './professor.js';

const { university, labMarker } = PROFESSOR;

// The rendered content, kept as data inside the script: plain HTTP sees an empty #app, a browser sees
// all of it once the timer fires.
const sections = [
  [
    'Lovelace Lab',
    `The Lovelace Lab at ${university} studies how machines can manipulate symbols, not only numbers. We design programming notations for analytical engines, build verifiers for engine programs, and explore creative uses of computation such as algorithmic composition.`,
  ],
  [
    'Projects',
    `Our flagship effort is the ${labMarker}, which rebuilds a working difference engine from the original drawings and uses it to test our compilers on real hardware. A second project, Operation Card Verification, proves that engine programs terminate and reuse their variables safely. A third, Engines that Compose, generates short musical pieces from symbolic rules.`,
  ],
  [
    'People',
    `${SHARED_POSITION_SENTENCE} She leads the lab, which hosts four doctoral students and two postdoctoral researchers. Current doctoral theses cover loop analysis for card-driven programs, symbolic integration on mechanical hardware, and a history of programming notation before electronic computers.`,
  ],
  [
    'Funding',
    'In 2025 the lab received a three-year grant from the Northbridge Research Council to extend its verifier to programs that mix numeric and symbolic operations, and to release its tools as open source.',
  ],
];

const script = `const sections = ${JSON.stringify(sections)};
setTimeout(() => {
  const app = document.getElementById('app');
  for (const [heading, text] of sections) {
    const section = document.createElement('section');
    const h2 = document.createElement('h2');
    h2.textContent = heading;
    const p = document.createElement('p');
    p.textContent = text;
    section.append(h2, p);
    app.append(section);
  }
}, 50);`;

/** `/lab`: a client-rendered page; its text exists only after an inline script runs (50 ms timer). */
export const labPage = htmlDocument({
  title: `Research Lab | ${university}`,
  body: `<div id="app"></div>\n<script>${script}</script>`,
});
