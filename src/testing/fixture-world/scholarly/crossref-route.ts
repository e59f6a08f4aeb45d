import { words } from '../../../text/normalize.js';
import type { WorldResponse } from '../world-response.js';
import { SCHOLARS } from './scholars.js';

const JSON_TYPE = 'application/json; charset=utf-8';

// Crossref's author search is fuzzy: a Lovelace query also finds another Lovelace's work.
const STRAY_WORKS = [
  {
    DOI: '10.5555/prl.2024.7788',
    title: ['Resonator Losses in Superconducting Circuits at Millikelvin Temperatures'],
    author: [{ given: 'Adrian', family: 'Lovelace', sequence: 'first', affiliation: [] }],
    issued: { 'date-parts': [[2024, 7, 22]] },
    'container-title': ['Physical Review Letters'],
    URL: 'https://doi.org/10.5555/prl.2024.7788',
    type: 'journal-article',
  },
];

/**
 * Crossref's `/works` with `query.author`, as its docs describe it: a fuzzy author match, the
 * `from-pub-date` filter, `rows`, and the `{status, message-type, message: {items}}` envelope.
 * Each scholar's own works state their affiliation and ORCID; abstracts are JATS.
 */
export function answerCrossref(url: URL): WorldResponse {
  const rows = Number(url.searchParams.get('rows') ?? '20');
  if (!Number.isInteger(rows) || rows < 0 || rows > 1000) {
    return {
      status: 400,
      contentType: JSON_TYPE,
      body: JSON.stringify({ status: 'failed', message: [{ type: 'rows' }] }),
    };
  }
  const queryWords = words(url.searchParams.get('query.author') ?? '');
  const since = /from-pub-date:([\d-]+)/.exec(url.searchParams.get('filter') ?? '')?.[1] ?? '0000';
  const own = SCHOLARS.filter((scholar) =>
    words(scholar.name).some((word) => queryWords.includes(word)),
  ).flatMap((scholar) =>
    scholar.works
      .filter((item) => item.date >= since)
      .map((item) => {
        const [year, month, day] = item.date.split('-').map(Number);
        const [given, ...family] = scholar.name.split(' ');
        return {
          DOI: item.doi,
          title: [item.title],
          author: [
            {
              given,
              family: family.join(' '),
              sequence: 'first',
              ...(scholar.orcid
                ? { ORCID: `https://orcid.org/${scholar.orcid}`, 'authenticated-orcid': false }
                : {}),
              affiliation: [{ name: scholar.institution }],
            },
            ...item.coauthors.map((name) => ({
              given: name.split(' ').slice(0, -1).join(' '),
              family: name.split(' ').at(-1),
              sequence: 'additional',
              affiliation: [],
            })),
          ],
          issued: { 'date-parts': [[year, month, day]] },
          'container-title': [item.venue],
          abstract: `<jats:p>${item.abstract}</jats:p>`,
          URL: `https://doi.org/${item.doi}`,
          type: 'journal-article',
        };
      }),
  );
  const stray = STRAY_WORKS.filter((item) =>
    item.author.some((person) => queryWords.includes(person.family.toLowerCase())),
  );
  const items = [...own, ...stray].slice(0, rows);
  return {
    status: 200,
    contentType: JSON_TYPE,
    body: JSON.stringify({
      status: 'ok',
      'message-type': 'work-list',
      'message-version': '1.0.0',
      message: { 'total-results': items.length, items },
    }),
  };
}
