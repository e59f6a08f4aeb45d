import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaperSources } from '../../src/cli/resolve-paper-sources.js';
import { type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';
import { runCli } from './helpers/cli-process.js';

let world: FixtureWorld;
let dir: string;
let templateFile: string;
beforeAll(async () => {
  world = await startFixtureWorld();
  dir = await mkdtemp(join(tmpdir(), 'scribe-papers-'));
  templateFile = join(dir, 'template.txt');
  await writeFile(templateFile, world.template);
});
afterAll(async () => {
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('which paper sources a CLI run asks', () => {
  const names = (sources: ReturnType<typeof resolvePaperSources>) => sources?.map((source) => source.name);

  it('is arXiv alone (the library default) unless a source’s variable is set or --papers names it', () => {
    expect(resolvePaperSources(undefined, {}, undefined)).toBeUndefined();
    expect(
      names(
        resolvePaperSources(
          undefined,
          { OPENALEX_API_KEY: 'k', CROSSREF_MAILTO: 'me@example.org' },
          undefined,
        ),
      ),
    ).toEqual(['arxiv', 'openalex', 'crossref']);
    expect(names(resolvePaperSources(undefined, { SEMANTIC_SCHOLAR_API_KEY: 'k' }, undefined))).toEqual([
      'arxiv',
      'semantic_scholar',
    ]);
    expect(names(resolvePaperSources(['semantic_scholar', 'crossref'], {}, undefined))).toEqual([
      'semantic_scholar',
      'crossref',
    ]);
  });

  it('refuses an unknown source, and OpenAlex without its key, naming what to do', () => {
    expect(() => resolvePaperSources(['pubmed'], {}, undefined)).toThrow(/"pubmed" is not a paper source/);
    expect(() => resolvePaperSources(['openalex'], {}, undefined)).toThrow(/needs OPENALEX_API_KEY/);
  });

  it('generate: the chemist gets OpenAlex’s papers, found by her ORCID, and the key never shows', async () => {
    const result = await runCli(
      [
        'generate',
        '--name',
        world.chemist.name,
        '--interest',
        world.chemist.interest,
        '--orcid',
        world.chemist.orcid,
        '--affiliation',
        world.chemist.affiliation,
        '--template',
        templateFile,
        '--model',
        'fake',
        '--search',
        'searxng',
        '--search-url',
        world.searchUrl,
        '--allow',
        world.origin,
        '--arxiv-url',
        world.arxivUrl,
        '--arxiv-interval',
        '0',
        '--no-save',
        '--json',
      ],
      { env: { OPENALEX_API_KEY: 'sk-openalex-secret', OPENALEX_URL: world.openAlexUrl } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain('sk-openalex-secret');
    const printed = JSON.parse(result.stdout) as { papers: { title: string }[] };
    expect(printed.papers.map((paper) => paper.title)).toContain(
      'Enantioselective Organocatalytic Michael Additions in Water',
    );
    expect(
      world.requests.some((line) => line.startsWith(`GET /openalex/authors/orcid:${world.chemist.orcid}`)),
    ).toBe(true);
  });
});
