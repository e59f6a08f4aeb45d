import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArxivClient,
  ArxivHelperStep,
  checkEmailClaims,
  defaultSteps,
  defineStep,
  memoryPersistence,
  type ProgressEvent,
  parallel,
  runPipeline,
} from '../../src/index.js';
import {
  arxivSource,
  crossrefSource,
  openAlexSource,
  type PaperSource,
  semanticScholarSource,
} from '../../src/papers/index.js';
import { RequestLimiter } from '../../src/papers/limits/request-limiter.js';
import { searxngSearch } from '../../src/search/index.js';
import { createFakeModel, type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';
import { deferred, fixedEmailStep, validInput } from '../helpers/pipeline.js';

let world: FixtureWorld;
beforeAll(async () => {
  world = await startFixtureWorld();
});
afterAll(async () => {
  await world.close();
});

const now = () => new Date('2026-12-01T00:00:00Z');
const quiet = () => ({
  minRequestIntervalMs: 0,
  _internal: { limiter: new RequestLimiter(), sleep: async () => {} },
});
function worldSources(): PaperSource[] {
  return [
    arxivSource({ client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) }),
    openAlexSource({ apiKey: 'test-key', baseUrl: world.openAlexUrl, ...quiet() }),
    semanticScholarSource({ baseUrl: world.semanticScholarUrl, ...quiet() }),
    crossrefSource({ baseUrl: world.crossrefUrl, ...quiet() }),
  ];
}
const research = defineStep({
  name: 'template_parser',
  execute: (data) => {
    data.templateType = 'research';
  },
});
const NAMESAKE_TITLE = 'Trade Ledgers of Fourteenth-Century Seville';

describe('paper_selection: the join after the pages are read', () => {
  // The scraper stand-in hands over its pages only once the paper lookup step has finished, so
  // the helper decides without pages every time, whatever the timing.
  function sideBySide(withSelection: boolean) {
    const lookedUp = deferred();
    const papers = new ArxivHelperStep({ sources: worldSources().slice(1, 2), now });
    const scraper = defineStep({
      name: 'web_scraper',
      execute: async (data) => {
        await lookedUp.promise;
        data.scrapedPages = [
          {
            pageNumber: 1,
            url: world.pages.faculty,
            title: 'Ada Lovelace',
            text: 'Ada Lovelace is Professor of Computer Science at Northbridge University.',
          },
        ];
      },
    });
    return {
      steps: [
        research,
        parallel(scraper, papers),
        ...(withSelection ? [papers.selectionStep()] : []),
        fixedEmailStep,
      ],
      onProgress: (event: ProgressEvent) => {
        if (event.step === 'arxiv_helper' && event.status === 'completed') lookedUp.resolve();
      },
    };
  }
  // An interest no candidate's topics share: only the pages can tell the two Ada Lovelaces apart.
  const input = () =>
    validInput({ recipientName: world.recipient.name, recipientInterest: 'undergraduate teaching' });

  it('decides with the pages the scraper read side by side, keeping her papers and dropping the namesake', async () => {
    const { data, warnings } = await runPipeline({ input: input(), ...sideBySide(true) });
    const titles = data.arxivPapers.map((paper) => paper.title);
    expect(titles).toContain('A Calculus of Engine Programs with Loops');
    expect(titles).not.toContain(NAMESAKE_TITLE);
    expect(data.enrichmentMetadata).toMatchObject({
      decidedWithPages: true,
      sources: [
        { source: 'openalex', basis: 'institution-on-pages', chosen: ['A5000000001'], droppedAsNamesake: 1 },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('without the join, the lookup alone keeps nobody rather than guess', async () => {
    const { data } = await runPipeline({ input: input(), ...sideBySide(false) });
    expect(data.arxivPapers).toEqual([]);
    expect(data.enrichmentMetadata).toMatchObject({
      decidedWithPages: false,
      sources: [{ basis: 'ambiguous' }],
    });
  });

  it('uses the input’s affiliation before anything else', async () => {
    const papers = new ArxivHelperStep({ sources: worldSources().slice(1, 2), now });
    const { data } = await runPipeline({
      input: { ...input(), recipientAffiliation: 'Universidad de Sevilla' },
      steps: [research, papers, fixedEmailStep],
    });
    expect(data.arxivPapers.map((paper) => paper.title)).toContain(NAMESAKE_TITLE);
    expect(data.enrichmentMetadata?.sources?.[0]?.basis).toBe('institution');
  });
});

describe('defaultSteps with every source, in the fixture world', () => {
  async function run(input: ReturnType<typeof validInput>, before?: () => void) {
    before?.();
    await using steps = defaultSteps({
      model: createFakeModel(),
      search: searxngSearch({ baseUrl: world.searchUrl }),
      scraper: { allow: [world.origin], strategy: 'http' },
      arxiv: { now },
      paperSources: worldSources(),
    });
    return runPipeline({ input, steps, persistence: memoryPersistence() });
  }

  it('gives a chemist with no arXiv papers her papers, merged across sources with DOIs and venues', async () => {
    const { data, status } = await run(
      validInput({
        emailTemplate: world.template,
        recipientName: world.chemist.name,
        recipientInterest: world.chemist.interest,
      }),
    );
    expect(status).toBe('finished');
    expect(data.arxivPapers.length).toBeGreaterThanOrEqual(2);
    const michael = data.arxivPapers.find((paper) => paper.title.startsWith('Enantioselective'));
    expect(michael).toMatchObject({
      doi: '10.5555/jocl.2025.1204',
      venue: 'Journal of Organic Chemistry Letters',
      sources: expect.arrayContaining(['openalex', 'semantic_scholar', 'crossref']),
    });
    expect(michael?.sources).not.toContain('arxiv');
  });

  it('keeps Ada Lovelace’s papers from every source and none of her namesake’s', async () => {
    const { data } = await run(
      validInput({
        emailTemplate: world.template,
        recipientName: world.recipient.name,
        recipientInterest: world.recipient.interest,
      }),
    );
    const titles = data.arxivPapers.map((paper) => paper.title);
    expect(titles).not.toContain(NAMESAKE_TITLE);
    expect(data.enrichmentMetadata?.sources?.map((choice) => choice.source)).toEqual([
      'arxiv',
      'openalex',
      'semantic_scholar',
      'crossref',
    ]);
    for (const choice of data.enrichmentMetadata?.sources ?? []) {
      if (choice.source !== 'arxiv') expect(choice.droppedAsNamesake).toBeGreaterThanOrEqual(1);
    }
  });

  it('turns a source’s daily limit into a warning naming it, and keeps the other sources’ papers', async () => {
    const { data, status, warnings } = await run(
      validInput({
        emailTemplate: world.template,
        recipientName: world.chemist.name,
        recipientInterest: world.chemist.interest,
      }),
      () => world.failNext('openalex', 'daily-limit'),
    );
    expect(status).toBe('finished');
    const warning = warnings.find((item) => item.step === 'arxiv_helper')?.message ?? '';
    expect(warning).toContain('OpenAlex');
    expect(warning).toContain('daily usage limit');
    expect(data.arxivPapers.length).toBeGreaterThan(0);
    expect(data.arxivPapers.every((paper) => !paper.sources?.includes('openalex'))).toBe(true);
  });
});

describe('papers from any source, in the email and the saved record', () => {
  const chemistPaper = {
    id: 'doi:10.5555/jocl.2025.1204',
    title: 'Enantioselective Organocatalytic Michael Additions in Water',
    abstract: 'Chiral secondary amines catalyse Michael additions of aldehydes to nitroalkenes in water.',
    authors: ['Imani Okafor', 'Samuel Adeyemi'],
    year: 2025,
    published: '2025-04-08',
    abstractUrl: 'https://doi.org/10.5555/jocl.2025.1204',
    doi: '10.5555/jocl.2025.1204',
    venue: 'Journal of Organic Chemistry Letters',
    sources: ['openalex', 'crossref'],
  };

  it('lets a claim name the venue a source gave, and still catches an invented one', () => {
    const data = { scrapedPages: [], arxivPapers: [chemistPaper], recipientName: 'Prof. Imani Okafor' };
    const claim = (venue: string) =>
      checkEmailClaims({
        data,
        claims: [
          { claim: `Her 2025 paper in the ${venue} ran Michael additions in water.`, sources: ['PAPER 1'] },
        ],
      }).problems;
    expect(claim('Journal of Organic Chemistry Letters')).toEqual([]);
    expect(claim('Journal of Inorganic Materials').join(' ')).toContain('Inorganic');
  });

  it('saves each paper’s DOI, venue and sources with the email', async () => {
    const persistence = memoryPersistence();
    const step = defineStep({
      name: 'papers',
      execute: (data) => {
        data.arxivPapers = [chemistPaper];
      },
    });
    const input = validInput();
    await runPipeline({ input, steps: [step, fixedEmailStep], persistence });
    const saved = await persistence.getEmailByTaskId(input.taskId);
    expect(saved?.metadata.papers).toEqual([
      {
        id: 'doi:10.5555/jocl.2025.1204',
        title: chemistPaper.title,
        url: chemistPaper.abstractUrl,
        year: 2025,
        venue: 'Journal of Organic Chemistry Letters',
        doi: '10.5555/jocl.2025.1204',
        sources: ['openalex', 'crossref'],
      },
    ]);
  });
});
