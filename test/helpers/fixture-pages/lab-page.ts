// The page content ships in the test kit's fixture world; the fixture site serves the same page.
export { labPage } from '../../../src/testing/fixture-world/pages/lab-page.js';
