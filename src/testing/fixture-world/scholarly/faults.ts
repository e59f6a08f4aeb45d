import type { WorldResponse } from '../world-response.js';

/** The scholarly APIs the world imitates. */
export type ScholarlyApi = 'openalex' | 'semantic_scholar' | 'crossref';

/**
 * A fault to answer with instead of the real answer:
 * - `rate-limit`: OpenAlex's 403, Semantic Scholar's and Crossref's 429, with `Retry-After: 1`;
 * - `daily-limit`: OpenAlex's 429 (the day's allowance spent); the others answer as `rate-limit`;
 * - `server-error`: HTTP 500;
 * - `bad-json`: HTTP 200 with a body cut off mid-JSON.
 */
export type ScholarlyFault = 'rate-limit' | 'daily-limit' | 'server-error' | 'bad-json';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Faults queued per API, answered in order, one per request. */
export class ScholarlyFaults {
  readonly #queued = new Map<ScholarlyApi, ScholarlyFault[]>();

  add(api: ScholarlyApi, fault: ScholarlyFault, times: number): void {
    const queue = this.#queued.get(api) ?? [];
    for (let index = 0; index < times; index += 1) queue.push(fault);
    this.#queued.set(api, queue);
  }

  /** The fault answer for this request, if one is queued. */
  take(api: ScholarlyApi): WorldResponse | undefined {
    const fault = this.#queued.get(api)?.shift();
    return fault === undefined ? undefined : faultResponse(api, fault);
  }
}

function faultResponse(api: ScholarlyApi, fault: ScholarlyFault): WorldResponse {
  const json = (status: number, body: unknown, headers?: Record<string, string>): WorldResponse => ({
    status,
    contentType: JSON_TYPE,
    body: JSON.stringify(body),
    ...(headers ? { headers } : {}),
  });
  if (fault === 'server-error') return json(500, { error: 'Internal Server Error' });
  if (fault === 'bad-json') return { status: 200, contentType: JSON_TYPE, body: '{"results": [{"id": "' };
  if (api === 'openalex') {
    return fault === 'daily-limit'
      ? json(429, { error: 'Rate limit exceeded', message: 'You have exceeded your daily usage limit.' })
      : json(
          403,
          { error: 'Rate limit exceeded', message: 'Too many requests per second.' },
          { 'retry-after': '1' },
        );
  }
  return json(429, { message: 'Too Many Requests. Please wait and try again.' }, { 'retry-after': '1' });
}
