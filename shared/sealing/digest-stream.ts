import type { Bytes } from './bytes.ts';
import { Sha256 } from './sha256.ts';

export interface HashedStream {
  /** The same bytes as the source, to be consumed instead of it (e.g. as the S3 upload body). */
  readonly stream: ReadableStream<Uint8Array>;
  /** Resolves when `stream` has been read to the end; rejects if it errored or was cancelled. */
  readonly digest: Promise<Bytes>;
}

/**
 * Hashes bytes as they flow through. Built on a reader rather than TransformStream's cancel hook,
 * which not every browser implements, so the digest settles however the stream ends.
 */
export function withSha256(source: ReadableStream<Uint8Array>): HashedStream {
  const hash = new Sha256();
  const reader = source.getReader();
  let resolve!: (digest: Bytes) => void;
  let reject!: (reason: unknown) => void;
  const digest = new Promise<Bytes>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A caller that only wants the bytes must not get an unhandled rejection if the stream fails.
  digest.catch(() => {});
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        reject(error);
        throw error;
      }
      if (result.done) {
        resolve(hash.digest());
        controller.close();
        return;
      }
      hash.update(result.value);
      controller.enqueue(result.value);
    },
    async cancel(reason) {
      reject(reason ?? new Error('stream cancelled before the end'));
      await reader.cancel(reason);
    },
  });
  return { stream, digest };
}

/** Consumes the stream; memory use is one chunk at a time regardless of its length. */
export async function sha256OfStream(stream: ReadableStream<Uint8Array>): Promise<Bytes> {
  const hash = new Sha256();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return hash.digest();
    hash.update(value);
  }
}
