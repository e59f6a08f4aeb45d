import { APICallError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { ModelCallError } from '../../src/core/errors/model-call-error.js';
import { InvalidModelAnswerError } from '../../src/llm/invalid-model-answer-error.js';
import { toModelCallError } from '../../src/llm/to-model-call-error.js';

const where = { stepName: 'template_parser', modelId: 'gpt-test' };
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

function timeoutReason(): unknown {
  const controller = new AbortController();
  // What AbortSignal.timeout() aborts with: a DOMException named TimeoutError.
  controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  return controller.signal.reason;
}

describe('toModelCallError', () => {
  it('keeps the provider’s word and its status for an APICallError, 409 included', () => {
    const apiError = (statusCode: number, isRetryable: boolean) =>
      new APICallError({
        message: 'x',
        url: 'https://api.example/v1',
        requestBodyValues: {},
        statusCode,
        isRetryable,
      });
    expect(toModelCallError(apiError(409, false), where)).toMatchObject({ retryable: true, statusCode: 409 });
    expect(toModelCallError(apiError(400, false), where)).toMatchObject({
      retryable: false,
      statusCode: 400,
    });
  });

  it.each([
    ['a TimeoutError', timeoutReason()],
    ['a socket error by its code', withCode('socket hang up', 'ECONNRESET')],
    [
      'fetch’s wrapper around a DNS failure',
      new TypeError('fetch failed', { cause: withCode('x', 'EAI_AGAIN') }),
    ],
    ['an error that says it is retryable', Object.assign(new Error('busy'), { retryable: true })],
    ['an HTTP 503 on an error of another client', Object.assign(new Error('unavailable'), { status: 503 })],
    ['a timeout named only in the message', new Error('Request timed out.')],
    ['a reset named only in the message', new Error('read ECONNRESET')],
    ['a refusal named only in the message', 'connect ECONNREFUSED 127.0.0.1:443'],
  ])('takes %s as retryable', (_label, thrown) => {
    const error = toModelCallError(thrown, where);
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true, stepName: 'template_parser', modelId: 'gpt-test' });
  });

  it.each([
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
    [
      'an answer that broke the rules',
      new InvalidModelAnswerError({ rawAnswer: '{}', problems: ['no subject'] }),
    ],
    ['an abort', new DOMException('This operation was aborted', 'AbortError')],
    ['an HTTP 401 on an error of another client', Object.assign(new Error('unauthorized'), { status: 401 })],
  ])('takes %s as final', (_label, thrown) => {
    expect(toModelCallError(thrown, where).retryable).toBe(false);
  });

  it('judges the last error a RetryError gave up on, and keeps the whole one as cause', () => {
    const retry = new RetryError({
      message: 'gave up',
      reason: 'maxRetriesExceeded',
      errors: [new Error('bad'), withCode('socket hang up', 'ECONNRESET')],
    });
    const error = toModelCallError(retry, where);
    expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('socket hang up') });
    expect(error.cause).toBe(retry);
  });
});
