import { describe, expect, it } from 'vitest';
import { redact, secretsFromEnv } from '../../src/cli/output/redact.js';
import { describeFailure, EXIT_CODES, exitCodeFor } from '../../src/cli/output/report-error.js';
import { UsageError } from '../../src/cli/usage-error.js';
import {
  ConfigurationError,
  InputValidationError,
  ModelCallError,
  ModelConfigurationError,
  PipelineAbortedError,
  PipelineExecutionError,
  StepExecutionError,
} from '../../src/index.js';

describe('exit codes', () => {
  it('is 2 for usage, input and configuration, 130 for an interrupt, 1 for a failed run', () => {
    expect(exitCodeFor(new UsageError('no model'))).toBe(EXIT_CODES.usage);
    expect(exitCodeFor(new InputValidationError({ issues: [] }))).toBe(2);
    expect(exitCodeFor(new ConfigurationError({ component: 'x', option: 'y', message: 'bad' }))).toBe(2);
    expect(exitCodeFor(new ModelConfigurationError({ stepName: 's', message: 'no model' }))).toBe(2);
    expect(exitCodeFor(new PipelineAbortedError({ taskId: 't' }))).toBe(130);
    expect(exitCodeFor(new PipelineExecutionError({ taskId: 't', stepName: 's', reason: 'r' }))).toBe(1);
    expect(exitCodeFor(new Error('bug'))).toBe(1);
  });
});

describe('describeFailure', () => {
  it('names the flag of each bad input field', () => {
    const error = new InputValidationError({
      issues: [
        { path: 'recipientName', message: 'Too small: expected string to have >=2 characters' },
        { path: 'userId', message: 'Too big' },
      ],
    });
    expect(
      describeFailure(error, {
        verbose: false,
        secrets: [],
        inputFields: { recipientName: '--name', userId: '--user-id' },
      }),
    ).toEqual([
      'scribe: invalid input: --name (recipientName): Too small: expected string to have >=2 characters; --user-id (userId): Too big',
    ]);
  });

  it('names the flag behind a library option', () => {
    const line = (component: string, option: string) =>
      describeFailure(new ConfigurationError({ component, option, message: 'must be good' }), {
        verbose: false,
        secrets: [],
      })[0];
    expect(line('web_scraper', 'pageTimeoutMs')).toBe(
      'scribe: --page-timeout: web_scraper: `pageTimeoutMs` must be good',
    );
    expect(line('ArxivClient', 'baseUrl')).toMatch(/^scribe: --arxiv-url: /);
    expect(line('brave search', 'baseUrl')).toMatch(/^scribe: --search-url: /);
    expect(line('static urls', 'urls[2]')).toMatch(/^scribe: --url: /);
    expect(line('something', 'unknown')).toBe('scribe: something: `unknown` must be good');
  });

  it('prints one line, and the whole cause chain only with verbose, scrubbed of keys', () => {
    const apiError = Object.assign(
      new Error(
        'Incorrect API key provided: sk-proj-abcdefgh1234. Authorization: Bearer sk-proj-abcdefgh1234',
      ),
      {
        name: 'AI_APICallError',
        statusCode: 401,
      },
    );
    const modelError = new ModelCallError({
      stepName: 'email_composer',
      modelId: 'gpt-5-mini',
      message: 'the key was refused',
      retryable: false,
      statusCode: 401,
      cause: apiError,
    });
    const stepError = new StepExecutionError({
      stepName: 'email_composer',
      taskId: 't1',
      durationMs: 3,
      cause: modelError,
    });
    const error = new PipelineExecutionError({
      taskId: 't1',
      stepName: 'email_composer',
      reason: modelError.message,
      cause: stepError,
    });

    const short = describeFailure(error, { verbose: false, secrets: [] });
    expect(short).toEqual([`scribe: ${error.message}`]);

    const long = describeFailure(error, { verbose: true, secrets: ['my-brave-key'] });
    expect(long).toHaveLength(4);
    expect(long[1]).toMatch(/^ {2}caused by StepExecutionError \[STEP_EXECUTION\]: /);
    expect(long[2]).toMatch(/^ {2}caused by ModelCallError \[MODEL_CALL\] \(HTTP 401\): /);
    expect(long[3]).toMatch(
      /^ {2}caused by AI_APICallError \(HTTP 401\): Incorrect API key provided: \[redacted\]/,
    );
    expect(long.join('\n')).not.toContain('abcdefgh1234');
  });

  it('stops at a cause chain that loops', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    (first as { cause?: unknown }).cause = second;
    expect(describeFailure(first, { verbose: true, secrets: [] })).toEqual([
      'scribe: first',
      '  caused by Error: second',
    ]);
  });
});

describe('redact', () => {
  it('removes the values of secret-looking variables and credential-shaped text', () => {
    const secrets = secretsFromEnv({
      BRAVE_API_KEY: 'BSA-secret-1',
      SEARCH_TOKEN: 'tok-2222',
      HOME: '/root',
      SHORT_KEY: 'abc',
    });
    expect(secrets).toEqual(['BSA-secret-1', 'tok-2222']);
    const text = redact(
      'sent BSA-secret-1 and tok-2222 from /root; x-api-key: k-123 "authorization":"Basic dXNlcjpwYXNz" apiKey=zzz9',
      secrets,
    );
    expect(text).toBe(
      'sent [redacted] and [redacted] from /root; x-api-key: [redacted] "authorization":"[redacted]" apiKey=[redacted]',
    );
  });
});
