// STREAM online AEAD over AES-256-GCM (layout in stream-format.ts). Both directions work chunk by
// chunk, so memory stays at about one chunk however long the stream is.

import { ByteQueue } from './byte-queue.ts';
import { type Bytes, concatBytes, copyBytes } from './bytes.ts';
import {
  DuplicatedChunkError,
  ReorderedChunkError,
  type SealingError,
  TamperedChunkError,
  TrailingDataError,
  TruncatedStreamError,
} from './errors.ts';
import {
  checkChunkSize,
  chunkNonce,
  DEFAULT_CHUNK_SIZE,
  MAX_CHUNK_COUNT,
  NONCE_PREFIX_LENGTH,
  type StreamKey,
  TAG_LENGTH,
} from './stream-format.ts';

export interface StreamParams extends StreamKey {
  /** Authenticated with every chunk; opening with different bytes fails at chunk 0. */
  readonly associatedData: Uint8Array;
  /** Plaintext bytes per chunk; the opener must use the sealer's value. Default 64 KiB. */
  readonly chunkSize?: number;
}

export interface OpenStreamParams extends StreamParams {
  /**
   * Expected sealed length, when known (e.g. from an envelope header). Lets a stream that stops
   * mid-chunk be reported as truncated rather than tampered, and bounds the diagnosis search.
   */
  readonly ciphertextLength?: number;
}

/**
 * When a chunk fails authentication, nearby positions (up to about 512 either way) are tried to
 * tell reordering and duplication apart from plain corruption. The search runs only on the
 * failure path; beyond it, a misplaced chunk is reported as tampered.
 */
const MAX_DIAGNOSTIC_CANDIDATES = 1024;

function checkParams(params: StreamParams): { chunkSize: number; ad: Bytes } {
  if (params.noncePrefix?.length !== NONCE_PREFIX_LENGTH)
    throw new RangeError('nonce prefix must be 7 bytes');
  return {
    chunkSize: checkChunkSize(params.chunkSize ?? DEFAULT_CHUNK_SIZE),
    ad: copyBytes(params.associatedData),
  };
}

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('sealing streams carry Uint8Array chunks');
}

class ChunkSealer {
  private index = 0;
  private readonly params: StreamParams;
  private readonly ad: Bytes;

  constructor(params: StreamParams, ad: Bytes) {
    this.params = params;
    this.ad = ad;
  }

  async seal(plaintext: Bytes, last: boolean): Promise<Bytes> {
    if (this.index >= MAX_CHUNK_COUNT) throw new RangeError('stream exceeds 2^32 chunks');
    const iv = chunkNonce(this.params.noncePrefix, this.index++, last);
    return this.params.key.encrypt(iv, this.ad, plaintext);
  }
}

class ChunkOpener {
  private index = 0;
  private failed = false;
  private readonly params: OpenStreamParams;
  private readonly ad: Bytes;
  private readonly totalChunks: number | undefined;

  constructor(params: OpenStreamParams, ad: Bytes, chunkSize: number) {
    this.params = params;
    this.ad = ad;
    const length = params.ciphertextLength;
    this.totalChunks =
      length === undefined ? undefined : Math.max(1, Math.ceil(length / (chunkSize + TAG_LENGTH)));
  }

  get chunksOpened(): number {
    return this.index;
  }

  /** `bytesReceived` is the stream's running total including this unit. */
  async open(unit: Bytes, last: boolean, bytesReceived: number): Promise<Bytes> {
    if (this.failed) throw new Error('ChunkOpener used after a failure');
    const plaintext = await this.tryOpen(unit, this.index, last);
    if (plaintext) {
      this.index++;
      return plaintext;
    }
    this.failed = true;
    throw await this.diagnose(unit, last, bytesReceived);
  }

  private async tryOpen(unit: Bytes, index: number, last: boolean): Promise<Bytes | undefined> {
    if (unit.length < TAG_LENGTH || index >= MAX_CHUNK_COUNT) return undefined;
    return this.params.key.decrypt(chunkNonce(this.params.noncePrefix, index, last), this.ad, unit);
  }

  private async diagnose(unit: Bytes, last: boolean, bytesReceived: number): Promise<SealingError> {
    const i = this.index;
    if (await this.tryOpen(unit, i, !last)) {
      // Right position, wrong flag: either the real final chunk was dropped, or the final chunk
      // was followed by more data.
      return last ? new TruncatedStreamError(i + 1) : new TrailingDataError(i);
    }
    const total = this.totalChunks;
    let tried = 0;
    for (let distance = 1; tried < MAX_DIAGNOSTIC_CANDIDATES; distance++) {
      const before = i - distance;
      const after = i + distance;
      const afterInRange = after < (total ?? MAX_CHUNK_COUNT);
      if (before < 0 && !afterInRange) break;
      if (before >= 0) {
        tried++;
        if (await this.tryOpen(unit, before, false)) return new DuplicatedChunkError(i, before);
      }
      if (afterInRange) {
        for (const flag of [false, true]) {
          if (total !== undefined && flag !== (after === total - 1)) continue;
          tried++;
          if (await this.tryOpen(unit, after, flag)) return new ReorderedChunkError(i, after);
        }
      }
    }
    const expected = this.params.ciphertextLength;
    if (expected !== undefined && last && bytesReceived < expected) return new TruncatedStreamError(i);
    if (expected !== undefined && bytesReceived > expected) return new TrailingDataError(i);
    return new TamperedChunkError(i);
  }
}

/** Seals a plaintext stream; the output is sealedLength(input length, chunkSize) bytes. */
export function sealStream(source: ReadableStream<Uint8Array>, params: StreamParams): ReadableStream<Bytes> {
  const { chunkSize, ad } = checkParams(params);
  const sealer = new ChunkSealer(params, ad);
  const queue = new ByteQueue();
  return source.pipeThrough(
    new TransformStream<Uint8Array, Bytes>({
      async transform(chunk, controller) {
        queue.push(asBytes(chunk));
        // Strictly more than a chunk buffered proves this chunk is not the last one.
        while (queue.length > chunkSize) controller.enqueue(await sealer.seal(queue.take(chunkSize), false));
      },
      async flush(controller) {
        controller.enqueue(await sealer.seal(queue.take(queue.length), true));
      },
    }),
  );
}

/**
 * Opens a sealed stream. Plaintext is released chunk by chunk as each one authenticates, so a
 * consumer may see a prefix before a later chunk fails: treat the document as valid only once the
 * stream has closed without error.
 */
export function openStream(
  source: ReadableStream<Uint8Array>,
  params: OpenStreamParams,
): ReadableStream<Bytes> {
  const { chunkSize, ad } = checkParams(params);
  const opener = new ChunkOpener(params, ad, chunkSize);
  const unit = chunkSize + TAG_LENGTH;
  const queue = new ByteQueue();
  let received = 0;
  let consumed = 0;
  return source.pipeThrough(
    new TransformStream<Uint8Array, Bytes>({
      async transform(chunk, controller) {
        const bytes = asBytes(chunk);
        received += bytes.length;
        queue.push(bytes);
        while (queue.length > unit) {
          consumed += unit;
          controller.enqueue(await opener.open(queue.take(unit), false, consumed));
        }
      },
      async flush(controller) {
        if (queue.length === 0) throw new TruncatedStreamError(opener.chunksOpened);
        controller.enqueue(await opener.open(queue.take(queue.length), true, received));
      },
    }),
  );
}

/** One-shot variant for small parts (price form, manifest); same bytes as sealStream would produce. */
export async function sealBytes(plaintext: Uint8Array, params: StreamParams): Promise<Bytes> {
  const { chunkSize, ad } = checkParams(params);
  const sealer = new ChunkSealer(params, ad);
  const queue = new ByteQueue();
  queue.push(plaintext);
  const out: Bytes[] = [];
  while (queue.length > chunkSize) out.push(await sealer.seal(queue.take(chunkSize), false));
  out.push(await sealer.seal(queue.take(queue.length), true));
  return out.length === 1 ? (out[0] as Bytes) : concatBytes(out);
}

export async function openBytes(ciphertext: Uint8Array, params: OpenStreamParams): Promise<Bytes> {
  const { chunkSize, ad } = checkParams(params);
  // The whole input is at hand, so its length bounds the diagnosis even when none was declared.
  const opener = new ChunkOpener(
    { ...params, ciphertextLength: params.ciphertextLength ?? ciphertext.length },
    ad,
    chunkSize,
  );
  const unit = chunkSize + TAG_LENGTH;
  if (ciphertext.length === 0) throw new TruncatedStreamError(0);
  const queue = new ByteQueue();
  queue.push(ciphertext);
  const out: Bytes[] = [];
  let consumed = 0;
  while (queue.length > unit) {
    consumed += unit;
    out.push(await opener.open(queue.take(unit), false, consumed));
  }
  out.push(await opener.open(queue.take(queue.length), true, ciphertext.length));
  return out.length === 1 ? (out[0] as Bytes) : concatBytes(out);
}
