import { FIXTURE_FACTS } from './facts.js';
import { htmlDocument } from './html-document.js';

/** `/private/notes`: an ordinary page, except that robots.txt disallows everything under /private/. */
export const privateNotesPage = htmlDocument({
  title: 'Staff notes',
  body: `<main>
<h1>Department staff notes</h1>
<p>This page holds the ${FIXTURE_FACTS.privateMarker} for the department and the minutes of the
teaching committee. It lists which members of staff plan research leave next year, how their
teaching will be covered, and the deadlines for submitting leave requests to the head of department.
It is meant for staff only and is excluded from search engines by the site's robots.txt file.</p>
</main>`,
});
