import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/web/http/decode-body.js';

const html = '<html><head><meta charset="utf-16"></head><body><p>Zoë Ångström</p></body></html>';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('decodeBody', () => {
  it('believes a UTF-16 charset in the Content-Type header, little- or big-endian', () => {
    expect(decodeBody(Buffer.from(html, 'utf16le'), 'text/html; charset=utf-16le', { html: true })).toBe(
      html,
    );
    expect(decodeBody(Buffer.from(html, 'utf16le'), 'text/html; charset=UTF-16', { html: true })).toBe(html);
    expect(decodeBody(utf16be(html), 'text/html; charset=utf-16be', { html: true })).toBe(html);
  });

  it('reads a UTF-16 <meta charset> in ASCII markup as UTF-8, as the HTML standard says', () => {
    expect(decodeBody(Buffer.from(html, 'utf8'), 'text/html', { html: true })).toBe(html);
  });

  it('lets a byte-order mark win over the header', () => {
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]);
    expect(decodeBody(withBom, 'text/html; charset=iso-8859-1', { html: true })).toBe(html);
  });
});
