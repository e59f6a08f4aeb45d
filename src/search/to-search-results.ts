import { checkNumberOption } from '../core/check-option.js';
import type { SearchResult } from './search-provider.js';

/** The most results one search may ask for. */
export const MAX_SEARCH_LIMIT = 100;
const MAX_SNIPPET_LENGTH = 1000;

/** One provider hit before mapping; providers may leave any field out or null. */
export interface RawHit {
  url?: string | null | undefined;
  title?: string | null | undefined;
  snippet?: string | null | undefined;
}

/** Checks a search call's `limit` (an integer from 1 to 100) and returns it. */
export function checkLimit(component: string, limit: number): number {
  return checkNumberOption(component, 'limit', limit, { min: 1, max: MAX_SEARCH_LIMIT, integer: true });
}

/**
 * Maps provider hits to `SearchResult`s: drops hits without an absolute http(s) URL (the scraper
 * can do nothing with them), turns titles and snippets into plain one-line text, and keeps the
 * first `limit`.
 */
export function toSearchResults(hits: Iterable<RawHit>, limit: number): SearchResult[] {
  const results: SearchResult[] = [];
  for (const hit of hits) {
    if (results.length >= limit) break;
    const url = httpUrl(hit.url);
    if (url === undefined) continue;
    results.push({ url, title: plainText(hit.title), snippet: plainText(hit.snippet, MAX_SNIPPET_LENGTH) });
  }
  return results;
}

function httpUrl(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain one-line text. Brave wraps matched words in `<strong>` and escapes entities; the snippet
 * goes to a language model and into warnings, where markup is noise.
 */
export function plainText(value: string | null | undefined, maxLength = Number.POSITIVE_INFINITY): string {
  if (typeof value !== 'string') return '';
  const text = value
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function decodeEntity(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('#x')) return safeCodePoint(Number.parseInt(lower.slice(2), 16));
  if (lower.startsWith('#')) return safeCodePoint(Number.parseInt(lower.slice(1), 10));
  return ENTITIES[lower];
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
