// Runs in an extraction worker thread: linkedom and Readability, off the main event loop.
import type { RawExtraction } from '../page-outcome.js';
import { extractFromHtml } from './extract.js';

/** One task: the page's HTML and its final URL. */
export interface ExtractionTask {
  html: string;
  url: string;
}

export default function extract({ html, url }: ExtractionTask): RawExtraction {
  return extractFromHtml(html, url);
}
