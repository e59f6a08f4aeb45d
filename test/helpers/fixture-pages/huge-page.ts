import type { ServerResponse } from 'node:http';

const paragraph =
  '<p>The analytical engine weaves algebraical patterns just as the Jacquard loom weaves flowers and leaves. ' +
  'This paragraph repeats to make the page far larger than any scraper should read.</p>\n';
// One shared chunk: streaming 20 MB must not allocate 20 MB per request.
const chunk = Buffer.from(paragraph.repeat(Math.ceil(65_536 / paragraph.length)));
const head = Buffer.from(
  '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Huge</title></head>\n<body>\n',
);
const tail = Buffer.from('</body>\n</html>\n');
const chunkCount = Math.floor((20 * 1024 * 1024) / chunk.length);

/** The full size of `/huge` in bytes (about 20 MB); a client that reads it all receives exactly this. */
export const HUGE_PAGE_BYTES = head.length + chunkCount * chunk.length + tail.length;

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

/**
 * Streams `/huge` (chunked, no Content-Length, so a client can only cap it while reading), waiting for
 * 'drain' between chunks so a client that stops reading stops the stream. `onSent` gets each chunk's
 * size once the response has accepted it.
 */
export async function streamHugePage(
  response: ServerResponse,
  onSent: (bytes: number) => void,
): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  const chunks = [head, ...Array.from({ length: chunkCount }, () => chunk), tail];
  for (const piece of chunks) {
    if (response.destroyed) return;
    const accepted = response.write(piece);
    onSent(piece.length);
    if (!accepted) await drainedOrClosed(response);
  }
  if (!response.destroyed) response.end();
}
