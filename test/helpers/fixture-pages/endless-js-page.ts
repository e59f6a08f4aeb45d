import { FIXTURE_FACTS } from './facts.js';
import { htmlDocument } from './html-document.js';

/** `/endless-js`: readable static text, then a script that never returns (the render must time out). */
export const endlessJsPage = htmlDocument({
  title: 'Seminar notes',
  body: `<main>
<h1>Seminar notes</h1>
<p>These are the notes from last week's ${FIXTURE_FACTS.endlessMarker}. We looked at how to show
that a loop on an analytical engine terminates: find a quantity that decreases on every pass and
cannot fall below zero, then check that each operation card preserves the invariant the loop relies
on. Exercises for next week are on the course page.</p>
</main>
<script>while (true) {}</script>`,
});
