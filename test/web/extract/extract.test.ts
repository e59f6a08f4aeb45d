import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors/configuration-error.js';
import {
  extractFromHtml,
  finishExtraction,
  hasTooLittleText,
  MIN_PAGE_TEXT_CHARS,
  READABILITY_MAX_DEPTH,
  READABILITY_MAX_ELEMENTS,
  readabilityScriptPath,
} from '../../../src/web/extract/extract.js';
import { capText, normaliseWhitespace } from '../../../src/web/extract/page-text.js';
import { createHttpFetcher, type HttpFetcher } from '../../../src/web/http/fetch-page.js';
import type { RawExtraction } from '../../../src/web/page-outcome.js';
import { createUrlGuard } from '../../../src/web/ssrf/ssrf-guard.js';
import { FIXTURE_FACTS, type FixtureSite, startFixtureSite } from '../../helpers/fixture-site.js';

let site: FixtureSite;
let fetcher: HttpFetcher;

/** A fixture page read the way the HTTP path reads it: fetched, then extracted in Node. */
async function readOverHttp(path: string, maxChars?: number) {
  const page = await fetcher.fetchPage(site.url(path));
  if (!page.ok) throw new Error(`${path}: ${page.detail}`);
  const raw = extractFromHtml(page.html, page.finalUrl);
  return { raw, page: finishExtraction(raw, { maxChars }) };
}

beforeAll(async () => {
  site = await startFixtureSite();
  fetcher = createHttpFetcher({ guard: createUrlGuard({ allow: [site.origin] }) });
});
afterAll(async () => {
  await fetcher.close();
  expect(site.canary.requests).toEqual([]);
  await site.close();
});

function raw(parts: Partial<RawExtraction>): RawExtraction {
  return { title: '', heading: '', description: '', articleText: null, bodyText: '', ...parts };
}

const sentence = (words: string) => `${words} `.repeat(3).trim();

describe('extraction of the fixture pages over HTTP', () => {
  it('keeps the name Readability drops from the profile header, and drops the site chrome', async () => {
    const { raw: extraction, page } = await readOverHttp('/faculty/ada-lovelace');
    // The reason the context lines exist: Readability alone loses "Dr. Ada Lovelace".
    expect(extraction.articleText).not.toContain(FIXTURE_FACTS.name);
    expect(extraction.heading).toBe(FIXTURE_FACTS.name);
    expect(page.usedReadability).toBe(true);
    expect(page.title).toBe(`Ada Lovelace | ${FIXTURE_FACTS.university}`);
    for (const fact of [
      FIXTURE_FACTS.name,
      FIXTURE_FACTS.title,
      FIXTURE_FACTS.university,
      FIXTURE_FACTS.researchInterest,
    ]) {
      expect(page.text).toContain(fact);
    }
    for (const chrome of [
      'We use cookies',
      'Accept all',
      'Registered charity',
      'Campus map',
      'Admissions',
      'Staff intranet',
    ]) {
      expect(page.text).not.toContain(chrome);
    }
    // Body text, the fallback, would have kept the chrome: the comparison is meaningful.
    expect(extraction.bodyText).toContain('We use cookies');
  });

  it.each([
    ['/news/award', FIXTURE_FACTS.awardMarker],
    ['/private/notes', FIXTURE_FACTS.privateMarker],
    ['/hostile/subresources', FIXTURE_FACTS.hostileMarker],
    ['/endless-js', FIXTURE_FACTS.endlessMarker],
  ])('keeps the facts of %s (Readability on linkedom)', async (path, marker) => {
    const { page } = await readOverHttp(path);
    expect(page.usedReadability).toBe(true);
    expect(page.text).toContain(marker);
    expect(page.text).not.toContain(FIXTURE_FACTS.canarySecret);
    expect(hasTooLittleText(page.text)).toBe(false);
  });

  it('finds too little text on /lab, whose content exists only after its script runs', async () => {
    const { page } = await readOverHttp('/lab');
    expect(hasTooLittleText(page.text)).toBe(true);
    expect(page.text).not.toContain(FIXTURE_FACTS.labMarker);
    // The title is kept as the title, but never pads the text over the minimum.
    expect(page.title).toBe(`Research Lab | ${FIXTURE_FACTS.university}`);
    expect(page.text).not.toContain('Research Lab');
  });

  it('finds too little text on /tiny', async () => {
    const { page } = await readOverHttp('/tiny');
    expect(page.text).toBe('Coming soon.');
    expect(hasTooLittleText(page.text)).toBe(true);
  });

  it('respects the cap, cutting at a sentence end', async () => {
    const { page } = await readOverHttp('/faculty/ada-lovelace', 600);
    expect(page.text.length).toBeLessThanOrEqual(600);
    expect(page.text.length).toBeGreaterThan(480);
    expect(page.text).toMatch(/[.!?]$/);
    expect(page.text).toContain(FIXTURE_FACTS.name);
  });

  it('normalises whitespace: single spaces, trimmed lines, paragraphs apart by one blank line', async () => {
    const { page } = await readOverHttp('/faculty/ada-lovelace');
    expect(page.text).not.toMatch(/ {2}|\t|\n{3}|^ | $| \n|\n /m);
    // Source line breaks inside a paragraph become spaces: no line breaks mid-sentence.
    expect(page.text).not.toMatch(/[a-z,]\n[a-z]/);
    // Paragraphs, headings and list items stay apart.
    expect(page.text.split('\n\n').length).toBeGreaterThan(8);
  });
});

describe('extractFromHtml', () => {
  it('keeps paragraphs apart in minified HTML, where textContent would run them together', () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, index) => `<p>${sentence(`Paragraph ${index} has words.`)}</p>`,
    );
    const extraction = extractFromHtml(
      `<html><body><article>${paragraphs.join('')}</article></body></html>`,
      'https://x.test/',
    );
    expect(extraction.articleText).not.toBeNull();
    expect(normaliseWhitespace(extraction.articleText ?? '')).toContain('words.\n\nParagraph 1 has');
    expect(normaliseWhitespace(extraction.bodyText)).toContain('words.\n\nParagraph 1 has');
  });

  it('leaves out scripts, styles and hidden text from the body text', () => {
    const extraction = extractFromHtml(
      `<html><head><title> A   title </title><meta name="Description" content=" Line one
      line two "></head><body>
      <p>Visible.</p><script>var secret = 1;</script><style>p{}</style><noscript>Enable JS</noscript>
      <p hidden>hidden attribute</p><p aria-hidden="true">aria hidden</p>
      <div style="color: red; display: none">display none</div><template><p>template</p></template>
      <p>Line<br>break</p></body></html>`,
      'https://x.test/',
    );
    const body = normaliseWhitespace(extraction.bodyText);
    expect(body).toBe('Visible.\n\nLine\nbreak');
    expect(extraction.title).toBe('A title');
    expect(extraction.description).toBe('Line one line two');
  });

  it('falls back to og:description and reads the first h1 only', () => {
    const extraction = extractFromHtml(
      '<html><head><meta property="og:description" content="From Open Graph"></head><body><h1>First <em>one</em></h1><h1>Second</h1></body></html>',
      'https://x.test/',
    );
    expect(extraction.description).toBe('From Open Graph');
    expect(extraction.heading).toBe('First one');
  });

  it('never runs scripts', () => {
    const extraction = extractFromHtml(
      '<html><body><p id="a">Static text.</p><script>document.getElementById("a").textContent = "Script ran";</script></body></html>',
      'https://x.test/',
    );
    expect(extraction.bodyText).toContain('Static text.');
    expect(extraction.bodyText).not.toContain('Script ran');
  });

  it('skips Readability on a DOM too large or too deep for it, and keeps the body text', () => {
    const many = `<html><body>${'<div><span>x</span></div>'.repeat(READABILITY_MAX_ELEMENTS)}</body></html>`;
    expect(extractFromHtml(many, 'https://x.test/')).toMatchObject({ articleText: null });
    const depth = READABILITY_MAX_DEPTH + 50;
    const deep = `<html><body>${'<div>'.repeat(depth)}<p>${sentence('Deep words live here.')}</p>${'</div>'.repeat(depth)}</body></html>`;
    const extraction = extractFromHtml(deep, 'https://x.test/');
    expect(extraction.articleText).toBeNull();
    expect(extraction.bodyText).toContain('Deep words live here.');
    // Just inside the budget, Readability still runs.
    const shallow = `<html><body>${'<div>'.repeat(20)}<p>${sentence('Deep words live here.')}</p>${'</div>'.repeat(20)}</body></html>`;
    expect(extractFromHtml(shallow, 'https://x.test/').articleText).toContain('Deep words live here.');
  });
});

describe('finishExtraction', () => {
  const article = sentence('The article text is long enough to be read on its own by anyone at all.');
  const body = `Home About Contact\n\n${article}\n\nFooter links`;

  it("prefers Readability's article", () => {
    const page = finishExtraction(raw({ title: 'Lovelace Lab', articleText: article, bodyText: body }));
    expect(page).toEqual({
      title: 'Lovelace Lab',
      text: `Lovelace Lab\n\n${article}`,
      usedReadability: true,
    });
  });

  it('falls back to the body text when Readability found nothing', () => {
    const page = finishExtraction(raw({ articleText: null, bodyText: body }));
    expect(page).toMatchObject({ text: body, usedReadability: false });
  });

  it('falls back when the article has less than a fifth of the body text', () => {
    const item = (index: number) => sentence(`Item ${index} says something else about the subject.`);
    const listing = Array.from({ length: 12 }, (_, index) => item(index)).join('\n\n');
    const kept = item(0);
    expect(kept.length).toBeGreaterThanOrEqual(MIN_PAGE_TEXT_CHARS);
    expect(kept.length * 5).toBeLessThan(listing.length);
    expect(finishExtraction(raw({ articleText: kept, bodyText: listing }))).toMatchObject({
      text: listing,
      usedReadability: false,
    });
    // At more than a fifth the article stands.
    const half = listing.slice(0, Math.ceil(listing.length / 4));
    expect(finishExtraction(raw({ articleText: half, bodyText: listing })).usedReadability).toBe(true);
  });

  it('falls back when the article is under the minimum while the body is not', () => {
    // Over a fifth of the body, but the article alone would make the page too thin to keep.
    const short = 'A short article of ninety characters or so, which is not quite enough for a page.';
    const page = finishExtraction(
      raw({ articleText: short, bodyText: `Intro words before it. ${short} More after.` }),
    );
    expect(short.length).toBeLessThan(MIN_PAGE_TEXT_CHARS);
    expect(page).toMatchObject({
      usedReadability: false,
      text: `Intro words before it. ${short} More after.`,
    });
  });

  it('adds the heading and description only when the text lacks them, each once', () => {
    const page = finishExtraction(
      raw({
        title: 'Ada Lovelace | Northbridge',
        heading: 'Dr. Ada Lovelace',
        description: 'Dr. Ada Lovelace, Professor.',
        articleText: `${article} Northbridge is mentioned.`,
        bodyText: article,
      }),
    );
    expect(page.text.split('\n\n')[0]).toBe('Ada Lovelace | Northbridge\nDr. Ada Lovelace, Professor.');
    const inArticle = finishExtraction(
      raw({ heading: 'The article text', articleText: article, bodyText: article }),
    );
    expect(inArticle.text).toBe(article);
  });

  it('never pads a near-empty page with its title over the minimum', () => {
    const page = finishExtraction(
      raw({
        title: 'A title long enough '.repeat(6),
        description: 'And a description. '.repeat(6),
        bodyText: 'Hi.',
      }),
    );
    expect(page.text).toBe('Hi.');
    expect(hasTooLittleText(page.text)).toBe(true);
  });

  it('uses the heading as the title when there is no title', () => {
    expect(
      finishExtraction(raw({ heading: ' Dr.  Ada ', articleText: article, bodyText: article })).title,
    ).toBe('Dr. Ada');
  });

  it('refuses a cap below the minimum page text', () => {
    expect(() => finishExtraction(raw({}), { maxChars: 50 })).toThrow(ConfigurationError);
  });
});

describe('text helpers', () => {
  it('normalises whitespace', () => {
    expect(normaliseWhitespace('  a \t b\u00a0\u00a0c \r\n\r\n\r\n  d  \n e\u200b\u00adf \n\n\n')).toBe(
      'a b c\n\nd\nef',
    );
  });

  it('says when a text is under the minimum', () => {
    expect(MIN_PAGE_TEXT_CHARS).toBe(100);
    expect(hasTooLittleText('x'.repeat(99))).toBe(true);
    expect(hasTooLittleText(`  ${'x'.repeat(99)}  `)).toBe(true);
    expect(hasTooLittleText('x'.repeat(100))).toBe(false);
  });

  it('caps at a sentence end, else a space, else hard, never splitting a surrogate pair', () => {
    const text = 'One two three. Four five six seven eight nine ten eleven twelve.';
    expect(capText(text, 200)).toBe(text);
    expect(capText('Aaaa bbbb cccc dddd. Eeee ffff.', 22)).toBe('Aaaa bbbb cccc dddd.');
    expect(capText('Aaaa bbbb cccc dddd eeee ffff', 22)).toBe('Aaaa bbbb cccc dddd');
    expect(capText('x'.repeat(30), 10)).toBe('x'.repeat(10));
    expect(capText(`${'x'.repeat(9)}😀yy`, 10)).toBe('x'.repeat(9));
  });
});

describe('readabilityScriptPath', () => {
  it("points at Readability's browser build", () => {
    const source = readFileSync(readabilityScriptPath(), 'utf8');
    expect(readabilityScriptPath()).toMatch(/@mozilla[/\\]readability[/\\]Readability\.js$/);
    expect(source).toContain('function Readability(doc, options)');
  });
});
