/**
 * Whether a URL's hostname is one of arXiv's (`arxiv.org` or any `*.arxiv.org`), however it is
 * spelt: upper case, with the trailing dot of a fully qualified name (`export.arxiv.org.`),
 * percent-encoded or with Unicode dots. Pass `URL.hostname`, which has already decoded those.
 */
export function isArxivHost(hostname: string): boolean {
  const name = normaliseHostname(hostname);
  return name === 'arxiv.org' || name.endsWith('.arxiv.org');
}

/**
 * A hostname as DNS sees it: lower case, without trailing dots ("x.org." and "x.org" are the same
 * host; more than one dot never resolves, so dropping them all only ever widens what matches).
 */
export function normaliseHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.+$/, '');
}
