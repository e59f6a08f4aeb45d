// The page content ships in the test kit's fixture world; the fixture site serves the same page.
export { newsAwardPage } from '../../../src/testing/fixture-world/pages/news-award-page.js';
