import type { EmailClaim } from './claims.js';
import type { TemplateType } from './template-type.js';

/** What `template_parser` leaves in `data.templateAnalysis`. */
export interface TemplateAnalysis {
  templateType: TemplateType;
  searchTerms: string[];
  /** The union of both lists below, in template order. */
  placeholders: string[];
  /** Found by pattern in the template. */
  localPlaceholders: string[];
  /** Named by the model. */
  modelPlaceholders: string[];
}

/** How one page was read, or why it gave nothing. */
export interface ScrapedPageReport {
  /** The URL asked for. */
  url: string;
  /** 1-based position among the pages read: the `N` of `[PAGE N]` markers. Absent for failed pages. */
  pageNumber?: number;
  /** `http` (plain fetch) or `browser` (Chromium); absent when the page was never fetched (robots, blocked). */
  strategy?: 'http' | 'browser';
  ok: boolean;
  /** The URL the text came from, after redirects. */
  finalUrl?: string;
  title?: string;
  /** Characters of text kept from the page. */
  chars?: number;
  /** Bytes of HTML read. */
  bytes?: number;
  /** Why the page gave nothing (`blocked`, `robots`, `http-status`, `not-html`, `timeout`, `too-little-text`, `network`). */
  reason?: string;
  /** One line saying what happened. */
  detail?: string;
}

/**
 * The readable text of one page the web research read, kept beside the summary so a claim that
 * cites `[PAGE N]` can be checked against what the page really says. The text is bounded by the
 * scraper's `maxPageChars` (default 10,000 characters).
 */
export interface ScrapedPage {
  /** 1-based and stable: the `N` of the `[PAGE N]` markers that cite this page. */
  pageNumber: number;
  /** The URL the text came from, after redirects. */
  url: string;
  title: string;
  text: string;
}

/** What `web_scraper` leaves in `data.scrapingMetadata`. */
export interface ScrapingMetadata {
  /** The queries sent to the search provider. */
  queries: string[];
  /** The search provider's name. */
  provider: string;
  /** Search results received, over all queries. */
  resultsFound: number;
  /** URLs dropped before any fetch (duplicates, video sites, file types), with the reason. */
  skippedUrls: { url: string; reason: string }[];
  /** Pages attempted. */
  attempted: number;
  /** Pages that gave usable text. */
  succeeded: number;
  /** One report per attempted page, in order. */
  pages: ScrapedPageReport[];
  /** How the summary was made: none (no text), single (one small page, no per-page layer) or two-tier. */
  summaryMode: 'none' | 'single' | 'two-tier';
  /** Characters of `scrapedContent`. */
  summaryChars: number;
  /** True when the summary marks some facts `[UNCERTAIN]` (found on one page only). */
  hasUncertainFacts: boolean;
}

/** What `arxiv_helper` leaves in `data.enrichmentMetadata`. */
export interface EnrichmentMetadata {
  /** Set when the step did nothing (template not research). */
  skippedReason?: string;
  /** The query whose results were ranked. */
  query?: string;
  /** Every query sent, in order. */
  queries?: string[];
  fetched?: number;
  kept?: number;
  droppedAsNamesake?: number;
  droppedAsOld?: number;
  /** Per source: how many same-name candidates it found, which were kept and on what grounds. */
  sources?: SourceChoice[];
  /** Whether the last decision had the scraped pages as evidence (`paper_selection` ran, or the pages were read first). */
  decidedWithPages?: boolean;
  /** Per source that failed: why (the step went on without that source's papers). */
  failures?: { source: string; message: string }[];
  /** Set when every source failed: the first failure's message. */
  error?: string;
}

/** How one paper source's same-name candidates were decided. */
export interface SourceChoice {
  source: string;
  /** Same-name candidates the source returned with papers. */
  candidates: number;
  /** The source's ids of the candidates kept as the recipient. */
  chosen: string[];
  /** The evidence that decided: `orcid`, `institution`, `institution-on-pages`, `topic`, `sole-candidate`; `ambiguous` kept nobody. */
  basis:
    | 'orcid'
    | 'institution'
    | 'institution-on-pages'
    | 'topic'
    | 'sole-candidate'
    | 'ambiguous'
    | 'no-candidates';
  /** Candidates dropped, plus records naming someone else. */
  droppedAsNamesake: number;
}

/** What `email_composer` leaves in `data.compositionMetadata`. */
export interface CompositionMetadata {
  attempts: number;
  /** The validation issues of each draft, in order (an empty list: the draft passed). */
  issuesPerAttempt: string[][];
  /** Soft problems of the kept draft. */
  warnings: string[];
  wordCount: number;
  modelId: string;
  temperature: number;
  /** Titles of the papers the email mentions. */
  mentionedPapers: string[];
  /** What the model said of its own confidence. */
  modelConfident: boolean;
  /** The facts the kept draft states about the recipient, with their sources and what the check found. */
  claims: EmailClaim[];
  /** How claims were checked: word for word against their sources, and also by a model when `claimCheck` is set. */
  claimCheck: 'sources' | 'sources+model';
  /** The hard rules the kept draft breaks: empty unless it was kept for review. */
  problems: string[];
}
