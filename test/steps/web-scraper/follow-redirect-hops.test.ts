import type { APIResponse } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { followRedirectHops, type Hop } from '../../../src/steps/web-scraper/follow-redirect-hops.js';
import type { UrlGuard } from '../../../src/steps/web-scraper/ssrf-guard.js';
import { UrlBlockedError } from '../../../src/steps/web-scraper/url-blocked-error.js';

/** The slice of APIResponse the hop loop reads. */
function response(status: number, headers: Record<string, string> = {}): APIResponse {
  return { status: () => status, headers: () => headers, dispose: async () => {} } as unknown as APIResponse;
}

/** A guard refusing one host, recording what it was asked. */
function guardRefusing(host: string) {
  const checked: string[] = [];
  const guard: UrlGuard = {
    async check(url) {
      checked.push(String(url));
      if (new URL(url).hostname === host)
        throw new UrlBlockedError({ url: String(url), reason: `${host} is private` });
      return ['203.0.113.1'];
    },
    refusalFor: () => undefined,
  };
  return { guard, checked };
}

/** A fetch answering from a table by URL, recording each hop. */
function fetchFrom(answers: Record<string, APIResponse>) {
  const hops: Hop[] = [];
  const fetchHop = async (hop: Hop) => {
    hops.push(hop);
    const answer = answers[hop.url];
    if (!answer) throw new Error(`unexpected fetch of ${hop.url}`);
    return answer;
  };
  return { fetchHop, hops };
}

describe('followRedirectHops', () => {
  it('checks and fetches every hop itself and returns only the final, non-redirect response', async () => {
    const final = response(200, { 'content-type': 'text/html' });
    const { guard, checked } = guardRefusing('10.0.0.1');
    const { fetchHop, hops } = fetchFrom({
      'https://a.example/start': response(301, { location: '/middle' }),
      'https://a.example/middle': response(302, { location: 'https://b.example/end' }),
      'https://b.example/end': final,
    });
    const result = await followRedirectHops('https://a.example/start', { guard, fetchHop });
    expect(result).toEqual({
      kind: 'response',
      response: final,
      url: 'https://b.example/end',
      redirects: ['https://a.example/middle', 'https://b.example/end'],
    });
    expect(checked).toEqual(['https://a.example/start', 'https://a.example/middle', 'https://b.example/end']);
    expect(hops.map((hop) => hop.index)).toEqual([0, 1, 2]);
  });

  it('refuses the first URL or any hop before contacting it, saying which', async () => {
    const { guard } = guardRefusing('10.0.0.1');
    const first = fetchFrom({});
    expect(await followRedirectHops('http://10.0.0.1/', { guard, fetchHop: first.fetchHop })).toEqual({
      kind: 'refused',
      url: 'http://10.0.0.1/',
      reason: '10.0.0.1 is private',
      index: 0,
    });
    expect(first.hops).toEqual([]);

    const late = fetchFrom({
      'https://a.example/': response(302, { location: '/next' }),
      'https://a.example/next': response(307, { location: 'http://10.0.0.1/admin' }),
    });
    expect(await followRedirectHops('https://a.example/', { guard, fetchHop: late.fetchHop })).toMatchObject({
      kind: 'refused',
      url: 'http://10.0.0.1/admin',
      index: 2,
    });
    expect(late.hops.map((hop) => hop.url)).toEqual(['https://a.example/', 'https://a.example/next']);
  });

  it('rewrites the method as browsers do: 303 and POST-after-301/302 become a bodiless GET, 307/308 keep it', async () => {
    const { guard } = guardRefusing('none');
    const { fetchHop, hops } = fetchFrom({
      'https://a.example/form': response(307, { location: '/kept' }),
      'https://a.example/kept': response(302, { location: '/as-get' }),
      'https://a.example/as-get': response(308, { location: '/still-get' }),
      'https://a.example/still-get': response(200),
    });
    await followRedirectHops('https://a.example/form', { method: 'POST', guard, fetchHop });
    expect(hops.map(({ method, dropBody }) => ({ method, dropBody }))).toEqual([
      { method: 'POST', dropBody: false },
      { method: 'POST', dropBody: false },
      { method: 'GET', dropBody: true },
      { method: 'GET', dropBody: true },
    ]);

    const seeOther = fetchFrom({
      'https://a.example/put': response(303, { location: '/result' }),
      'https://a.example/result': response(200),
    });
    await followRedirectHops('https://a.example/put', { method: 'PUT', guard, fetchHop: seeOther.fetchHop });
    expect(seeOther.hops[1]).toMatchObject({ method: 'GET', dropBody: true });
  });

  it('gives up after maxRedirects and on a Location that is not a URL, without fetching further', async () => {
    const { guard } = guardRefusing('none');
    const loop = fetchFrom({
      'https://a.example/1': response(302, { location: '/2' }),
      'https://a.example/2': response(302, { location: '/3' }),
      'https://a.example/3': response(302, { location: '/4' }),
    });
    expect(
      await followRedirectHops('https://a.example/1', { guard, fetchHop: loop.fetchHop, maxRedirects: 2 }),
    ).toEqual({
      kind: 'failed',
      url: 'https://a.example/3',
      message: 'more than 2 redirects',
    });
    expect(loop.hops).toHaveLength(3);

    const broken = fetchFrom({ 'https://a.example/': response(301, { location: 'http://[bad' }) });
    expect(
      await followRedirectHops('https://a.example/', { guard, fetchHop: broken.fetchHop }),
    ).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('invalid Location'),
    });
  });

  it('returns a 3xx without a Location, or a non-redirect 3xx, as the response (nothing to follow)', async () => {
    const { guard } = guardRefusing('none');
    const bare = response(302);
    const multiple = response(300, { location: 'http://10.0.0.1/' });
    expect(
      await followRedirectHops('https://a.example/', {
        guard,
        fetchHop: fetchFrom({ 'https://a.example/': bare }).fetchHop,
      }),
    ).toMatchObject({ kind: 'response', response: bare, redirects: [] });
    expect(
      await followRedirectHops('https://a.example/', {
        guard,
        fetchHop: fetchFrom({ 'https://a.example/': multiple }).fetchHop,
      }),
    ).toMatchObject({ kind: 'response', response: multiple });
  });

  it("passes the guard's other errors (a name that does not resolve) to the caller", async () => {
    const lookupFailure = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), {
      code: 'ENOTFOUND',
    });
    const guard: UrlGuard = {
      check: async () => {
        throw lookupFailure;
      },
      refusalFor: () => undefined,
    };
    await expect(
      followRedirectHops('https://nowhere.invalid/', { guard, fetchHop: fetchFrom({}).fetchHop }),
    ).rejects.toBe(lookupFailure);
  });
});
