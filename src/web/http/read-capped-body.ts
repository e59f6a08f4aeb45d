import type { ReadableStream } from 'node:stream/web';

/** A response body read up to a cap. */
export interface CappedBody {
  /** At most `maxBytes` bytes. */
  bytes: Uint8Array;
  /** True when the body went on past the cap and reading stopped there. */
  truncated: boolean;
}

/**
 * Reads a body chunk by chunk and stops at `maxBytes`: the rest is never buffered, and the stream is
 * cancelled so the connection closes and the server stops sending. A 20 MB page costs at most
 * `maxBytes` plus one chunk of memory.
 */
export async function readCappedBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<CappedBody> {
  if (body === null) return { bytes: new Uint8Array(0), truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: concat(chunks, total), truncated: false };
      if (total + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - total));
        total = maxBytes;
        // Not awaited: cancelling settles once the socket is torn down, which the caller need not wait for.
        reader.cancel().catch(() => {});
        return { bytes: concat(chunks, total), truncated: true };
      }
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
