import { checkNumberOption } from '../../core/check-option.js';
import type { SearchResult } from '../../search/search-provider.js';
import { normalizeUrl } from './normalize-url.js';

export { normalizeUrl, TRACKING_PARAMETERS } from './normalize-url.js';

/** The web-scraper step searches at most this many terms; callers slice the list to it. */
export const MAX_SEARCH_TERMS = 3;

/** Sites whose pages are players, not text; their subdomains too. */
export const VIDEO_SITES: readonly string[] = [
  'youtube.com',
  'youtu.be',
  'youtube-nocookie.com',
  'vimeo.com',
  'tiktok.com',
  'dailymotion.com',
  'dai.ly',
  'twitch.tv',
];

/** Path extensions of documents, archives and media: not HTML, so nothing to read. */
export const NON_HTML_EXTENSIONS: ReadonlySet<string> = new Set([
  ...['pdf', 'ps', 'epub', 'rtf', 'doc', 'docx', 'odt', 'ppt', 'pptx', 'odp', 'xls', 'xlsx', 'ods', 'csv'],
  ...['json', 'xml', 'zip', 'gz', 'tgz', 'bz2', 'xz', 'tar', 'rar', '7z', 'exe', 'dmg', 'iso'],
  ...['mp4', 'mov', 'avi', 'mkv', 'webm', 'mp3', 'wav', 'ogg', 'flac', 'm4a'],
  ...['jpg', 'jpeg', 'png', 'gif', 'svg', 'webp', 'avif', 'bmp', 'ico', 'tif', 'tiff'],
]);

/** Why a search result was not picked. */
export type UrlSkipReason = 'duplicate' | 'video-site' | 'file-type' | 'invalid-url' | 'over-limit';

/** A result left out, with the URL as the provider gave it. */
export interface SkippedUrl {
  url: string;
  reason: UrlSkipReason;
}

/** Options of `selectUrls`. */
export interface SelectUrlsOptions {
  /** Usable results taken from each term, at most. Default 2. */
  maxPerTerm?: number;
  /** Results taken in all, at most. Default 5. */
  maxPages?: number;
}

/** What `selectUrls` picked, in order, and what it left out and why. */
export interface UrlSelection {
  selected: SearchResult[];
  skipped: SkippedUrl[];
}

/**
 * Whether a page can give readable text: false for video sites (`VIDEO_SITES` and their
 * subdomains), for paths ending in a document, archive or media extension
 * (`NON_HTML_EXTENSIONS`), and for anything but http(s).
 */
export function isScrapableUrl(url: URL): boolean {
  return skipReasonOf(url) === undefined;
}

function skipReasonOf(url: URL): 'video-site' | 'file-type' | 'invalid-url' | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'invalid-url';
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (VIDEO_SITES.some((site) => host === site || host.endsWith(`.${site}`))) return 'video-site';
  const lastSegment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const dot = lastSegment.lastIndexOf('.');
  if (dot > 0 && NON_HTML_EXTENSIONS.has(lastSegment.slice(dot + 1).toLowerCase())) return 'file-type';
  return undefined;
}

/**
 * Picks the pages to read from each search term's results. Terms are taken in order; from each,
 * up to `maxPerTerm` usable results in the provider's order, where a result that is unusable (not
 * http(s), a video site, a non-HTML file) or a page already picked (equal after `normalizeUrl`)
 * does not use a place: the next one is taken. Stops at `maxPages` in all. Everything left out is
 * listed in `skipped` with its reason, except results over a limit that were picked anyway from a
 * later term. Picked results keep the URL the provider gave: normalisation is for comparing.
 *
 * @example
 * ```ts
 * const { selected, skipped } = selectUrls([braveResults, labResults], { maxPerTerm: 2, maxPages: 5 });
 * ```
 */
export function selectUrls(
  resultsPerTerm: readonly (readonly SearchResult[])[],
  { maxPerTerm = 2, maxPages = 5 }: SelectUrlsOptions = {},
): UrlSelection {
  checkNumberOption('selectUrls', 'maxPerTerm', maxPerTerm, { min: 1, max: 100, integer: true });
  checkNumberOption('selectUrls', 'maxPages', maxPages, { min: 1, max: 100, integer: true });
  const picked = new Set<string>();
  const selected: SearchResult[] = [];
  const skipped: (SkippedUrl & { key?: string })[] = [];

  for (const results of resultsPerTerm) {
    let takenFromTerm = 0;
    for (const result of results) {
      const key = normalizeUrl(result.url);
      if (key === undefined) {
        skipped.push({ url: result.url, reason: 'invalid-url' });
        continue;
      }
      const full = takenFromTerm >= maxPerTerm || selected.length >= maxPages;
      const reason =
        skipReasonOf(new URL(key)) ?? (picked.has(key) ? 'duplicate' : full ? 'over-limit' : undefined);
      if (reason !== undefined) {
        skipped.push({ url: result.url, reason, key });
        continue;
      }
      picked.add(key);
      selected.push({ ...result });
      takenFromTerm += 1;
    }
  }
  return {
    selected,
    // A result cut by one term's cap may be picked from a later term; it was not left out after all.
    skipped: skipped
      .filter((entry) => !(entry.reason === 'over-limit' && entry.key !== undefined && picked.has(entry.key)))
      .map(({ url, reason }) => ({ url, reason })),
  };
}
