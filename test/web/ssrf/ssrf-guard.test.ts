import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors/configuration-error.js';
import { createUrlGuard, type HostLookup } from '../../../src/web/ssrf/ssrf-guard.js';
import { UrlBlockedError } from '../../../src/web/ssrf/url-blocked-error.js';

/** A lookup answering from a table, recording every name asked. */
function tableLookup(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup: HostLookup = async (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, asked };
}

async function refusal(promise: Promise<unknown>): Promise<UrlBlockedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!UrlBlockedError.isInstance(error)) throw new Error(`expected a UrlBlockedError, got ${String(error)}`);
  return error;
}

describe('createUrlGuard: address literals', () => {
  const { lookup } = tableLookup({});
  const guard = createUrlGuard({ lookup });

  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::7f00:1]/', 'outside the global unicast'],
    ['http://10.1.2.3/', 'private'],
    ['http://10.1.2.3:8080/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.254/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://192.0.2.1/', 'reserved'],
    ['http://[fc00::1]/', 'unique-local'],
    ['http://[fd00:ec2::254]/', 'unique-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://[64:ff9b::7f00:1]/', 'NAT64'],
    ['http://[64:ff9b:1::a00:1]/', 'NAT64'],
    ['http://[2002:7f00:1::]/', '6to4'],
    ['http://[2001::1]/', 'Teredo'],
    ['http://[::]/', 'unspecified'],
  ])('refuses %s (%s)', async (url, kind) => {
    const error = await refusal(guard.check(url));
    expect(error.reason).toContain(kind);
    expect(error.code).toBe('URL_BLOCKED');
    expect(error.retryable).toBe(false);
    expect(error.category).toBe('user');
  });

  it.each([
    ['http://93.184.215.14/', '93.184.215.14'],
    ['https://93.184.215.14/', '93.184.215.14'],
    ['http://93.184.215.14:443/', '93.184.215.14'],
    ['https://[2606:4700::1]/', '2606:4700::1'],
    ['http://[2606:4700::1]:80/', '2606:4700::1'],
  ])('allows the public address in %s on 80/443', async (url, address) => {
    await expect(guard.check(url)).resolves.toEqual([address]);
  });

  it.each(['http://93.184.215.14:8080/', 'https://[2606:4700::1]:8443/', 'http://93.184.215.14:22/'])(
    'refuses the public address in %s on another port',
    async (url) => {
      expect((await refusal(guard.check(url))).reason).toMatch(/^port \d+ is refused for public hosts/);
    },
  );
});

it('refuses a name on another port without calling it a public host', async () => {
  const { reason } = await refusal(createUrlGuard().check('http://localhost:8400/'));
  expect(reason).toMatch(/^port 8400 is refused/);
  expect(reason).not.toMatch(/public/);
  expect(reason).toContain('allow');
});

describe('createUrlGuard: schemes, credentials and names', () => {
  it.each([
    'file:///etc/passwd',
    'ftp://93.184.215.14/',
    'data:text/html,<p>hi</p>',
    'javascript:alert(1)',
    'gopher://93.184.215.14:70/',
    'ws://93.184.215.14/',
  ])('refuses %s before any lookup', async (url) => {
    const { lookup, asked } = tableLookup({});
    const error = await refusal(createUrlGuard({ lookup }).check(url));
    expect(error.reason).toMatch(/^scheme .* is not http or https$/);
    expect(asked).toEqual([]);
  });

  it('refuses URLs with credentials, even to a public host', async () => {
    const { lookup, asked } = tableLookup({ 'example.org': ['93.184.215.14'] });
    const guard = createUrlGuard({ lookup });
    expect((await refusal(guard.check('http://user:secret@example.org/'))).reason).toContain('credentials');
    expect((await refusal(guard.check('https://user@example.org/'))).reason).toContain('credentials');
    expect(asked).toEqual([]);
  });

  it('refuses text that is not a URL', async () => {
    const error = await refusal(createUrlGuard().check('not a url'));
    expect(error.reason).toBe('not a valid URL');
    expect(error.url).toBe('not a url');
  });

  it('refuses a non-standard port on a host name without asking DNS', async () => {
    const { lookup, asked } = tableLookup({ 'example.org': ['93.184.215.14'] });
    await refusal(createUrlGuard({ lookup }).check('http://example.org:8080/'));
    expect(asked).toEqual([]);
  });

  it('allows a name whose every address is public, and returns all of them', async () => {
    const { lookup } = tableLookup({ 'example.org': ['93.184.215.14', '2606:4700::1'] });
    await expect(createUrlGuard({ lookup }).check('https://example.org/people')).resolves.toEqual([
      '93.184.215.14',
      '2606:4700::1',
    ]);
  });

  it('refuses a name with one public and one private address, whichever comes first', async () => {
    const { lookup } = tableLookup({
      'mixed.test': ['93.184.215.14', '10.0.0.7'],
      'mixed-reversed.test': ['fd00::1', '2606:4700::1'],
    });
    const guard = createUrlGuard({ lookup });
    const first = await refusal(guard.check('http://mixed.test/'));
    expect(first.reason).toBe('mixed.test resolves to 10.0.0.7: 10.0.0.7 is a private address');
    const second = await refusal(guard.check('http://mixed-reversed.test/'));
    expect(second.reason).toContain('fd00::1 is a unique-local');
  });

  it('refuses a name resolving to nothing, and passes DNS failures through as themselves', async () => {
    const empty: HostLookup = async () => [];
    expect((await refusal(createUrlGuard({ lookup: empty }).check('http://void.test/'))).reason).toBe(
      'void.test resolved to no address',
    );
    const { lookup } = tableLookup({});
    await expect(createUrlGuard({ lookup }).check('http://nowhere.test/')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
  });

  it('refuses localhost and names that resolve to the metadata service', async () => {
    const { lookup } = tableLookup({ localhost: ['127.0.0.1', '::1'], 'metadata.test': ['169.254.169.254'] });
    const guard = createUrlGuard({ lookup });
    expect((await refusal(guard.check('http://localhost/'))).reason).toContain('loopback');
    expect((await refusal(guard.check('http://metadata.test/'))).reason).toContain('link-local');
  });

  it('rejects with the signal reason when aborted during the lookup', async () => {
    const lookup: HostLookup = () => new Promise(() => {});
    const controller = new AbortController();
    const pending = createUrlGuard({ lookup }).check('http://hangs.test/', { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('createUrlGuard: the allow list', () => {
  const { lookup } = tableLookup({ 'fixture.test': ['127.0.0.1'], 'other.test': ['127.0.0.2'] });

  it('opens exactly one scheme, host and port for an allowed origin', async () => {
    const guard = createUrlGuard({ allow: ['http://127.0.0.1:8080'], lookup });
    await expect(guard.check('http://127.0.0.1:8080/faculty')).resolves.toEqual(['127.0.0.1']);
    for (const url of [
      'http://127.0.0.1:8081/',
      'http://127.0.0.1/',
      'https://127.0.0.1:8080/',
      'http://127.0.0.2:8080/',
      'http://fixture.test:8080/',
    ]) {
      expect((await refusal(guard.check(url))).url).toBe(url);
    }
    expect(guard.refusalFor('http://127.0.0.1:8080', '127.0.0.1')).toBeUndefined();
    expect(guard.refusalFor('http://127.0.0.1:8081', '127.0.0.1')).toContain('loopback');
  });

  it('opens every port of an allowed address, under any name resolving to it, and nothing next to it', async () => {
    const guard = createUrlGuard({ allow: ['127.0.0.1', '::1'], lookup });
    await expect(guard.check('http://127.0.0.1:8080/')).resolves.toEqual(['127.0.0.1']);
    await expect(guard.check('https://127.0.0.1:9443/')).resolves.toEqual(['127.0.0.1']);
    await expect(guard.check('http://fixture.test:5000/')).resolves.toEqual(['127.0.0.1']);
    // The URL parser spells it ::ffff:7f00:1; the guard unwraps it to 127.0.0.1 before comparing.
    await expect(guard.check('http://[::ffff:127.0.0.1]:5000/')).resolves.toEqual(['::ffff:7f00:1']);
    await expect(guard.check('http://[::1]:5000/')).resolves.toEqual(['::1']);
    expect((await refusal(guard.check('http://127.0.0.2:8080/'))).reason).toContain('loopback');
    expect((await refusal(guard.check('http://other.test:8080/'))).reason).toContain('127.0.0.2');
    // An allowed address does not open other ports of public hosts.
    expect((await refusal(guard.check('http://93.184.215.14:8080/'))).reason).toMatch(/^port 8080/);
  });

  it('checks one resolved address for an origin with refusalFor', () => {
    const guard = createUrlGuard({ allow: ['10.0.0.5'] });
    expect(guard.refusalFor('https://example.org', '93.184.215.14')).toBeUndefined();
    expect(guard.refusalFor('https://example.org:8443', '93.184.215.14')).toMatch(/^port 8443/);
    expect(guard.refusalFor('http://intranet.test:8080', '10.0.0.5')).toBeUndefined();
    expect(guard.refusalFor('http://intranet.test:8080', '10.0.0.6')).toContain('private');
    expect(guard.refusalFor('https://example.org', '::ffff:169.254.169.254')).toContain('link-local');
    expect(guard.refusalFor('ftp://example.org', '93.184.215.14')).toBeDefined();
    expect(guard.refusalFor('https://example.org', 'not-an-address')).toContain('not an IP address');
  });

  it.each([
    ['*'],
    ['10.0.0.0/8'],
    ['::/0'],
    ['0.0.0.0'],
    ['::'],
    ['http://0.0.0.0:8080'],
    ['localhost'],
    ['ftp://127.0.0.1:21'],
    ['http://127.0.0.1:8080/path'],
    ['http://user:pass@127.0.0.1:8080'],
    [''],
    ['0x7f.1'],
  ])('refuses the allow entry %j when the guard is built', (entry) => {
    expect(() => createUrlGuard({ allow: [entry] })).toThrow(ConfigurationError);
    let caught: unknown;
    try {
      createUrlGuard({ allow: ['127.0.0.1', entry] });
    } catch (error) {
      caught = error;
    }
    expect(ConfigurationError.isInstance(caught) && caught.option).toBe('allow[1]');
  });

  it('refuses an allow option that is not an array', () => {
    expect(() => createUrlGuard({ allow: 'http://127.0.0.1:8080' as unknown as string[] })).toThrow(
      ConfigurationError,
    );
  });
});
