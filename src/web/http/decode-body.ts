/** How far into an HTML document a `<meta charset>` may sit (the HTML standard's prescan looks at 1,024 bytes). */
const META_PRESCAN_BYTES = 1024;

/** The media type of a Content-Type header, lower-cased, without parameters ('' when absent). */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/** The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` near the top declares. */
export function metaCharsetOf(bytes: Uint8Array): string | undefined {
  // latin1 maps every byte to one code unit, so ASCII markup reads the same whatever the encoding.
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, META_PRESCAN_BYTES),
  ).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return undefined;
}

function decoderFor(
  label: string | undefined,
  { inMarkup }: { inMarkup: boolean },
): InstanceType<typeof TextDecoder> | undefined {
  if (label === undefined) return undefined;
  try {
    const decoder = new TextDecoder(label);
    // The HTML standard: a document that declares UTF-16 in its own ASCII markup cannot be
    // UTF-16. A Content-Type header that says UTF-16 is believed.
    return inMarkup && decoder.encoding.startsWith('utf-16') ? new TextDecoder('utf-8') : decoder;
  } catch {
    // An unknown label: fall through to the next source, as browsers do.
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decodes a body the way a browser picks the encoding, minus statistical sniffing: a byte-order
 * mark, else the Content-Type charset, else (for HTML) a `<meta>` charset in the first 1,024
 * bytes, else UTF-8. Malformed bytes become U+FFFD instead of failing, so a body cut at the byte
 * cap in the middle of a character still decodes.
 */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | null,
  { html }: { html: boolean },
): string {
  const bom = bomEncoding(bytes);
  const decoder =
    (bom === undefined ? undefined : new TextDecoder(bom)) ??
    decoderFor(charsetOf(contentType), { inMarkup: false }) ??
    (html ? decoderFor(metaCharsetOf(bytes), { inMarkup: true }) : undefined) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes);
}

/** True when a body with no Content-Type starts like an HTML document. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  return /^<(!doctype html|html|head|body|!--)/.test(start);
}
