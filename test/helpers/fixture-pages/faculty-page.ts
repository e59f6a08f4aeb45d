// The page content ships in the test kit's fixture world; the fixture site serves the same page.
export { facultyPage } from '../../../src/testing/fixture-world/pages/faculty-page.js';
