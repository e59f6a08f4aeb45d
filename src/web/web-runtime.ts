// What reading pages needs at run time: undici, linkedom, Readability and robots-parser. The step
// loads this module on its first run, so importing the package does not load them (they roughly
// double the root entry's import time).

export { readPageInBrowser } from './browser/read-page-in-browser.js';
export { sharedExtractionPool } from './extract/extraction-pool.js';
export { createHttpFetcher } from './http/fetch-page.js';
export { readPage } from './read-page.js';
export { createRobotsCache } from './robots/robots.js';
