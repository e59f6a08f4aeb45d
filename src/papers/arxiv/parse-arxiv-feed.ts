import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collapseWhitespace } from '../../text/normalize.js';
import type { ArxivAuthor, ArxivEntry, ArxivFeed } from './arxiv-entry.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const OPENSEARCH = 'http://a9.com/-/spec/opensearch/1.1/';
const ARXIV = 'http://arxiv.org/schemas/atom';

/** arXiv answered with its error feed: one entry titled "Error", the message in its summary. */
export class ArxivErrorFeed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArxivErrorFeed';
  }
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Keep every value a string: ids like 2401.00001 must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

/**
 * Parses an arXiv Atom feed by namespace, not by prefix or element order: the prefixes are read
 * from the feed's own `xmlns` declarations.
 *
 * @throws ArxivErrorFeed for arXiv's error feed; SyntaxError for XML that is not a feed.
 *
 * @example
 * ```ts
 * const feed = parseArxivFeed(await (await fetch(url)).text());
 * console.log(feed.totalResults, feed.entries.map((entry) => entry.title));
 * ```
 */
export function parseArxivFeed(xml: string): ArxivFeed {
  const validation = XMLValidator.validate(xml);
  if (validation !== true)
    throw new SyntaxError(`not well-formed XML: ${validation.err.msg} (line ${validation.err.line})`);
  const document = parser.parse(xml) as XmlNode;
  const rootName = Object.keys(document).find((key) => key !== '?xml' && !key.startsWith('@'));
  const root = rootName === undefined ? undefined : first(document[rootName]);
  if (rootName === undefined || root === undefined) throw new SyntaxError('the document has no root element');

  const names = namespaceNames(root);
  if (rootName !== names.atom('feed')) throw new SyntaxError(`expected an Atom feed, found <${rootName}>`);

  const entries = children(root, names.atom('entry'));
  const errorEntry = entries.find(
    (entry) =>
      text(entry, names.atom('title')) === 'Error' &&
      (text(entry, names.atom('id')) ?? '').includes('/api/errors'),
  );
  if (errorEntry) throw new ArxivErrorFeed(text(errorEntry, names.atom('summary')) ?? 'unknown error');

  return {
    totalResults: integer(text(root, names.opensearch('totalResults'))),
    startIndex: integer(text(root, names.opensearch('startIndex'))),
    itemsPerPage: integer(text(root, names.opensearch('itemsPerPage'))),
    entries: entries.map((entry) => parseEntry(entry, names)),
  };
}

type NameOf = (local: string) => string;

function namespaceNames(root: XmlNode): { atom: NameOf; opensearch: NameOf; arxiv: NameOf } {
  const prefixes = new Map<string, string>();
  for (const [key, value] of Object.entries(root)) {
    if (key === '@xmlns' && typeof value === 'string') prefixes.set(value, '');
    else if (key.startsWith('@xmlns:') && typeof value === 'string')
      prefixes.set(value, `${key.slice('@xmlns:'.length)}:`);
  }
  const qualify = (uri: string, fallback: string): NameOf => {
    const prefix = prefixes.get(uri) ?? fallback;
    return (local) => `${prefix}${local}`;
  };
  return {
    atom: qualify(ATOM, ''),
    opensearch: qualify(OPENSEARCH, 'opensearch:'),
    arxiv: qualify(ARXIV, 'arxiv:'),
  };
}

function parseEntry(entry: XmlNode, names: { atom: NameOf; arxiv: NameOf }): ArxivEntry {
  const idUrl = text(entry, names.atom('id')) ?? '';
  const versionedId = idUrl.replace(/^https?:\/\/arxiv\.org\/abs\//, '');
  const links = children(entry, names.atom('link'));
  const link = (match: (node: XmlNode) => boolean) => attribute(links.find(match), 'href');
  const authors: ArxivAuthor[] = children(entry, names.atom('author')).map((author) => ({
    name: collapseWhitespace(text(author, names.atom('name')) ?? ''),
    affiliations: children(author, names.arxiv('affiliation')).map((node) =>
      collapseWhitespace(nodeText(node) ?? ''),
    ),
  }));
  return {
    // Only a trailing vN is a version; "solv-int" contains a v too.
    id: versionedId.replace(/v\d+$/, ''),
    versionedId,
    title: collapseWhitespace(text(entry, names.atom('title')) ?? ''),
    abstract: collapseWhitespace(text(entry, names.atom('summary')) ?? ''),
    authors,
    published: text(entry, names.atom('published')) ?? '',
    updated: text(entry, names.atom('updated')) ?? '',
    primaryCategory: attribute(children(entry, names.arxiv('primary_category'))[0], 'term'),
    categories: children(entry, names.atom('category')).flatMap((node) => attribute(node, 'term') ?? []),
    abstractUrl: link((node) => attribute(node, 'rel') === 'alternate') ?? idUrl.replace(/^http:/, 'https:'),
    pdfUrl: link((node) => attribute(node, 'title') === 'pdf'),
    doi: optionalText(entry, names.arxiv('doi')),
    journalRef: optionalText(entry, names.arxiv('journal_ref')),
    comment: optionalText(entry, names.arxiv('comment')),
  };
}

function first(value: unknown): XmlNode | undefined {
  const node = Array.isArray(value) ? value[0] : value;
  return node !== null && typeof node === 'object' ? (node as XmlNode) : undefined;
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (!Array.isArray(value)) return [];
  // An element with no attributes and no children comes back as a bare string.
  return value.map((item) =>
    typeof item === 'object' && item !== null ? (item as XmlNode) : { '#text': String(item) },
  );
}

function nodeText(node: XmlNode | undefined): string | undefined {
  const value = node?.['#text'];
  return typeof value === 'string' ? value : undefined;
}

function text(node: XmlNode, name: string): string | undefined {
  const child = children(node, name)[0];
  return child === undefined ? undefined : (nodeText(child) ?? '');
}

function optionalText(node: XmlNode, name: string): string | undefined {
  const value = text(node, name);
  return value === undefined || value.trim() === '' ? undefined : collapseWhitespace(value);
}

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

function integer(value: string | undefined): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) ? parsed : 0;
}
