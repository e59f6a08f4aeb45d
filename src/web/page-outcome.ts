/** How a page was read: over plain HTTP, or rendered in Chromium. */
export type ScrapeStrategy = 'http' | 'browser';

/** Why a page gave no text. Each becomes a warning naming the URL. */
export type PageSkipReason =
  /** The SSRF guard refused the URL, a redirect hop, or the address a host resolved to. */
  | 'blocked'
  /** robots.txt disallows the page for our User-Agent. */
  | 'robots'
  /** The server answered with status >= 400. */
  | 'http-status'
  /** The main response is not HTML (a PDF, an image, JSON, a download...). */
  | 'not-html'
  /** The page did not load within its timeout, or the step's deadline ran out. */
  | 'timeout'
  /** The page loaded but had too little readable text to be worth summarising. */
  | 'too-little-text'
  /** Parsing the page's HTML failed or needed more than the extraction worker's memory limit. */
  | 'unparsable'
  /** DNS, connection, TLS or protocol failure, or the browser crashed. */
  | 'network';

/** The parts of a page that extraction looks at, gathered in Node (linkedom) or in the page. */
export interface RawExtraction {
  /** `document.title`. */
  title: string;
  /** The first `<h1>`'s text. */
  heading: string;
  /** `<meta name="description">` (or `og:description`) content. */
  description: string;
  /** Readability's `textContent`, or null when Readability found nothing or failed. */
  articleText: string | null;
  /** The body's visible text: the fallback. */
  bodyText: string;
}

/** The text extraction keeps from one page. */
export interface ExtractedPage {
  title: string;
  /** Whitespace-normalised readable text, capped. */
  text: string;
  /** True when the text is Readability's article; false when it fell back to body text. */
  usedReadability: boolean;
}

/** What reading one URL gave. */
export type PageOutcome =
  | ({
      ok: true;
      /** The URL asked for. */
      url: string;
      /** The URL the text came from, after redirects. */
      finalUrl: string;
      strategy: ScrapeStrategy;
      status: number;
      /** Bytes of HTML read (HTTP path) or of the main document (browser path). */
      bytes: number;
      /** True when the body was cut at the byte cap. */
      truncated: boolean;
      /** True when the server said `Cache-Control: no-store`: the page must not be cached. */
      noStore?: boolean;
    } & ExtractedPage)
  | {
      ok: false;
      url: string;
      strategy: ScrapeStrategy;
      reason: PageSkipReason;
      /** One line for the warning, e.g. `redirect to http://10.0.0.1/ refused: private address`. */
      detail: string;
    };
