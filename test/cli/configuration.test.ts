import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/options/command-line.js';
import { parseDurationFlag, parseIntegerFlag } from '../../src/cli/options/numbers.js';
import { RUN_OPTIONS, readRunSettings, SAVE_OPTION } from '../../src/cli/options/run-options.js';
import { parseModelSpec, resolveModel } from '../../src/cli/resolve-model.js';
import { chooseSearchProvider, resolveSearch } from '../../src/cli/resolve-search.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { runCli } from './helpers/cli-process.js';

const OPTIONS = { ...RUN_OPTIONS, ...SAVE_OPTION };

describe('--model', () => {
  it('reads openai:<id>, a bare id as OpenAI, ids with colons (Ollama), and fake', () => {
    expect(parseModelSpec('--model', 'openai:gpt-5-mini')).toEqual({
      provider: 'openai',
      modelId: 'gpt-5-mini',
    });
    expect(parseModelSpec('--model', 'gpt-5-mini')).toEqual({ provider: 'openai', modelId: 'gpt-5-mini' });
    expect(parseModelSpec('--model', 'openai:llama3.1:8b')).toEqual({
      provider: 'openai',
      modelId: 'llama3.1:8b',
    });
    expect(parseModelSpec('--model', 'fake')).toEqual({ provider: 'fake' });
  });

  it('refuses an unknown provider and an empty id, naming the flag', () => {
    expect(() => parseModelSpec('--summarizer-model', 'anthropic:claude')).toThrow(
      /^--summarizer-model: unknown model provider "anthropic"/,
    );
    expect(() => parseModelSpec('--model', 'openai:')).toThrow(/--model: no model id/);
  });

  it('says what is missing: a model, or a key (a base URL will do instead)', async () => {
    await expect(resolveModel({ flag: '--model', value: undefined, env: {} })).rejects.toThrow(
      expect.objectContaining({
        field: '--model',
        message: expect.stringMatching(/no model: .*SCRIBE_MODEL/),
      }),
    );
    await expect(resolveModel({ flag: '--model', value: 'openai:gpt-5-mini', env: {} })).rejects.toThrow(
      expect.objectContaining({ field: 'OPENAI_API_KEY' }),
    );
    const local = await resolveModel({
      flag: '--model',
      value: 'openai:llama3.1:8b',
      env: { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' },
    });
    expect(local.label).toBe('openai:llama3.1:8b');
    expect(local.fake).toBe(false);
    // OpenAI-compatible servers speak Chat Completions.
    expect((local.model as { provider: string }).provider).toBe('openai.chat');
    const hosted = await resolveModel({
      flag: '--model',
      value: 'gpt-5-mini',
      env: { OPENAI_API_KEY: 'sk-test' },
    });
    // One behaviour for every endpoint: Chat Completions, as the library's own fallback.
    expect((hosted.model as { provider: string }).provider).toBe('openai.chat');
  });
});

describe('search flags', () => {
  it('takes --search, else urls for --url, else the first provider with a key in the environment', () => {
    expect(chooseSearchProvider({ search: 'Tavily', urls: [] }, { BRAVE_API_KEY: 'k' })).toBe('tavily');
    expect(chooseSearchProvider({ urls: ['https://a.example/'] }, { BRAVE_API_KEY: 'k' })).toBe('urls');
    expect(chooseSearchProvider({ urls: [] }, { EXA_API_KEY: 'k', SERPER_API_KEY: 'k' })).toBe('exa');
    expect(chooseSearchProvider({ urls: [] }, { SEARXNG_URL: 'http://127.0.0.1:8888' })).toBe('searxng');
    expect(chooseSearchProvider({ urls: [] }, {})).toBeUndefined();
  });

  it('names the flag or variable a provider needs', () => {
    const field = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as UsageError).field;
      }
      throw new Error('did not throw');
    };
    expect(field(() => resolveSearch({ search: 'brave', urls: [] }, {}, { required: true }))).toBe(
      'BRAVE_API_KEY',
    );
    expect(field(() => resolveSearch({ search: 'serper', urls: [] }, {}, { required: true }))).toBe(
      'SERPER_API_KEY',
    );
    expect(field(() => resolveSearch({ search: 'searxng', urls: [] }, {}, { required: true }))).toBe(
      '--search-url',
    );
    expect(field(() => resolveSearch({ search: 'urls', urls: [] }, {}, { required: true }))).toBe('--url');
    expect(field(() => resolveSearch({ search: 'bing', urls: [] }, {}, { required: true }))).toBe('--search');
    expect(field(() => resolveSearch({ urls: [] }, {}, { required: true }))).toBe('--search');
    expect(
      field(() =>
        resolveSearch(
          { search: 'brave', urls: ['https://a.example/'] },
          { BRAVE_API_KEY: 'k' },
          { required: true },
        ),
      ),
    ).toBe('--url');
    expect(resolveSearch({ urls: [] }, {}, { required: false })).toBeUndefined();
  });

  it('prefers --search-key over the environment, and builds the named provider', () => {
    expect(
      resolveSearch({ search: 'brave', searchKey: 'flag-key', urls: [] }, {}, { required: true }).name,
    ).toBe('brave');
    expect(resolveSearch({ urls: [] }, { TAVILY_API_KEY: 'k' }, { required: true }).name).toBe('tavily');
    expect(
      resolveSearch(
        { search: 'searxng', searchUrl: 'http://127.0.0.1:8888', urls: [] },
        {},
        { required: true },
      ).name,
    ).toBe('searxng');
  });
});

describe('run flags', () => {
  const settings = (args: string[], env: Record<string, string> = {}) =>
    readRunSettings(parseCommandLine('generate', args, OPTIONS), env);

  it('reads durations in ms or s, repeated flags, --no-save, and SCRIBE_MODEL as the default model', () => {
    const read = settings(
      [
        '--page-timeout',
        '12s',
        '--deadline',
        '30000ms',
        '--allow',
        'http://127.0.0.1:1',
        '--allow',
        '10.0.0.5',
        '--no-save',
      ],
      { SCRIBE_MODEL: 'openai:gpt-5-mini' },
    );
    expect(read.scraper).toEqual({
      pageTimeoutMs: 12_000,
      deadlineMs: 30_000,
      allow: ['http://127.0.0.1:1', '10.0.0.5'],
    });
    expect(read.dbPath).toBeUndefined();
    expect(read.model).toBe('openai:gpt-5-mini');
    expect(read.summarizerModel).toBe('openai:gpt-5-mini');
    expect(settings(['--db', 'x.db', '--model', 'fake', '--summarizer-model', 'openai:m']).dbPath).toBe(
      'x.db',
    );
    expect(settings([]).dbPath).toBe('./scribe.db');
    expect(settings([]).userId).toBe('cli');
  });

  it('refuses an unknown flag, a missing value and a bad number, pointing to help or naming the flag', () => {
    expect(() => settings(['--colour'])).toThrow(/Unknown option '--colour'.*see scribe generate --help/);
    // Every quote it opens, it closes (Node's own text leaves one open).
    let message = '';
    try {
      settings(['--bogus-flag']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("'--bogus-flag'");
    expect(message.split("'").length % 2).toBe(1);
    expect(message.split('"').length % 2).toBe(1);
    expect(() => settings(['--db'])).toThrow(/--db.*argument missing.*see scribe generate --help/);
    expect(() => parseDurationFlag('--deadline', 'soon')).toThrow(
      expect.objectContaining({ field: '--deadline' }),
    );
    expect(parseDurationFlag('--deadline', '1.5s')).toBe(1500);
    expect(() => parseIntegerFlag('--concurrency', '0', { min: 1, max: 16 })).toThrow(
      /--concurrency: .*1 to 16/,
    );
    expect(() => parseIntegerFlag('--concurrency', '2.5', { min: 1, max: 16 })).toThrow(UsageError);
    expect(parseIntegerFlag('--concurrency', '3', { min: 1, max: 16 })).toBe(3);
  });
});

describe('--db in a directory that does not exist', () => {
  it('is a configuration problem: exit 2 naming --db, before any model call, for generate, batch and demo', async () => {
    const missing = '/nonexistent-scribe-dir/x.db';
    const directory = mkdtempSync(join(tmpdir(), 'scribe-db-dir-'));
    const template = join(directory, 'template.txt');
    writeFileSync(template, 'Dear {{name}}, I read your work on {{topic}}.');
    // Every other flag is usable: a search on a closed port is never reached.
    const generate = await runCli([
      'generate',
      '--model',
      'fake',
      '--name',
      'Ada Lovelace',
      '--interest',
      'engines',
      '--template',
      template,
      '--search',
      'searxng',
      '--search-url',
      'http://127.0.0.1:9',
      '--db',
      missing,
    ]);
    rmSync(directory, { recursive: true, force: true });
    const demo = await runCli(['demo', '--db', missing]);
    for (const result of [generate, demo]) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('--db /nonexistent-scribe-dir/x.db');
    }
  });
});
