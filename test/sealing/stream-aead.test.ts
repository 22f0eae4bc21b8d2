import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../shared/sealing/bytes.ts';
import {
  DuplicatedChunkError,
  ReorderedChunkError,
  SealingError,
  TamperedChunkError,
  TrailingDataError,
  TruncatedStreamError,
} from '../../shared/sealing/errors.ts';
import {
  openBytes,
  openStream,
  type StreamParams,
  sealBytes,
  sealStream,
} from '../../shared/sealing/stream-aead.ts';
import { sealedLength, TAG_LENGTH } from '../../shared/sealing/stream-format.ts';
import { webCryptoPrimitives } from '../../shared/sealing/web-primitives.ts';
import { collect, randomBytes, streamError, streamOf } from './stream-helpers.ts';

async function makeParams(
  chunkSize: number,
  associatedData = new TextEncoder().encode('ad'),
): Promise<StreamParams> {
  const key = await webCryptoPrimitives.aeadKey(randomBytes(32));
  return { key, noncePrefix: randomBytes(7), associatedData, chunkSize };
}

async function sealAll(plaintext: Uint8Array, params: StreamParams, pieces?: number[]) {
  return collect(sealStream(streamOf(plaintext, pieces), params));
}

/** Splits a sealed stream into its per-chunk ciphertexts. */
function units(sealed: Uint8Array, chunkSize: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < sealed.length; offset += chunkSize + TAG_LENGTH) {
    out.push(sealed.slice(offset, offset + chunkSize + TAG_LENGTH));
  }
  return out;
}

describe('STREAM roundtrip', () => {
  const cs = 16;
  it.each([0, 1, cs - 1, cs, cs + 1, 2 * cs - 1, 2 * cs, 2 * cs + 1, 5 * cs])(
    'seals and opens %i bytes with chunk size 16',
    async (length) => {
      const params = await makeParams(cs);
      const plaintext = randomBytes(length);
      const sealed = await sealAll(plaintext, params, [7, 16, 33]);
      expect(sealed.length).toBe(sealedLength(length, cs));
      expect(await collect(openStream(streamOf(sealed, [5, 50]), params))).toEqual(plaintext);
      expect(await openBytes(sealed, params)).toEqual(plaintext);
    },
  );

  it('roundtrips random data, chunk sizes and input piece sizes on both sides', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 64 }),
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        async (chunkSize, plaintext, sealPieces, openPieces) => {
          const params = await makeParams(chunkSize);
          const sealed = await sealAll(plaintext, params, sealPieces);
          expect(sealed.length).toBe(sealedLength(plaintext.length, chunkSize));
          const opened = await collect(
            openStream(streamOf(sealed, openPieces), { ...params, ciphertextLength: sealed.length }),
          );
          expect(opened).toEqual(plaintext);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sealBytes produces exactly the bytes sealStream produces', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.uint8Array({ maxLength: 300 }),
        async (chunkSize, plaintext) => {
          const params = await makeParams(chunkSize);
          expect(await sealBytes(plaintext, params)).toEqual(await sealAll(plaintext, params, [13]));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('never emits plaintext: a random message does not appear in its sealed form', async () => {
    const params = await makeParams(64);
    const plaintext = randomBytes(1000);
    const sealed = await sealAll(plaintext, params);
    const windows = new Set<string>();
    for (let i = 0; i + 12 <= sealed.length; i++) windows.add(sealed.subarray(i, i + 12).join());
    for (let i = 0; i + 12 <= plaintext.length; i++)
      expect(windows.has(plaintext.subarray(i, i + 12).join())).toBe(false);
  });

  it('reads its source lazily instead of buffering the whole input', async () => {
    const chunkSize = 1024;
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(chunkSize));
      },
    });
    const reader = sealStream(endless, await makeParams(chunkSize)).getReader();
    await reader.read();
    await reader.read();
    expect(pulled).toBeLessThan(10);
    await reader.cancel();
  });
});

describe('STREAM tamper detection', () => {
  const cs = 16;

  /** Six chunks: five full, one short final chunk. */
  async function sealedFixture(length = 5 * cs + 3) {
    const params = await makeParams(cs);
    const plaintext = randomBytes(length);
    const sealed = await sealAll(plaintext, params);
    return { params, plaintext, sealed, chunks: units(sealed, cs) };
  }

  async function openFails(sealed: Uint8Array, params: StreamParams, withLength?: number) {
    const opened = openStream(streamOf(sealed, [11, 40]), { ...params, ciphertextLength: withLength });
    return streamError(opened);
  }

  it('dropping the final chunk is truncation', async () => {
    const { params, chunks } = await sealedFixture();
    const error = await openFails(concatBytes(chunks.slice(0, -1)), params);
    expect(error).toBeInstanceOf(TruncatedStreamError);
    expect((error as TruncatedStreamError).chunkIndex).toBe(5);
  });

  it('cutting the stream mid-chunk is truncation when the sealed length is known', async () => {
    const { params, sealed } = await sealedFixture();
    const error = await openFails(sealed.slice(0, 2 * (cs + TAG_LENGTH) + 5), params, sealed.length);
    expect(error).toBeInstanceOf(TruncatedStreamError);
    expect((error as TruncatedStreamError).chunkIndex).toBe(2);
  });

  it('an empty stream is truncation, never an empty plaintext', async () => {
    const { params } = await sealedFixture(0);
    expect(await openFails(new Uint8Array(0), params)).toBeInstanceOf(TruncatedStreamError);
    await expect(openBytes(new Uint8Array(0), params)).rejects.toBeInstanceOf(TruncatedStreamError);
  });

  it('swapping two chunks is reordering', async () => {
    const { params, chunks } = await sealedFixture();
    const [c0, c1, c2, ...rest] = chunks as [Uint8Array, Uint8Array, Uint8Array, ...Uint8Array[]];
    const error = await openFails(concatBytes([c0, c2, c1, ...rest]), params);
    expect(error).toBeInstanceOf(ReorderedChunkError);
    expect(error).toMatchObject({ chunkIndex: 1, sealedAsIndex: 2 });
  });

  it('repeating a chunk is duplication', async () => {
    const { params, chunks } = await sealedFixture();
    const [c0, c1, ...rest] = chunks as [Uint8Array, Uint8Array, ...Uint8Array[]];
    const error = await openFails(concatBytes([c0, c1, c1, ...rest]), params);
    expect(error).toBeInstanceOf(DuplicatedChunkError);
    expect(error).toMatchObject({ chunkIndex: 2, sealedAsIndex: 1 });
  });

  it('data after the final chunk is trailing data', async () => {
    const { params, sealed, chunks } = await sealedFixture(3 * cs);
    const appended = concatBytes([sealed, chunks[0] as Uint8Array]);
    const error = await openFails(appended, params);
    expect(error).toBeInstanceOf(TrailingDataError);
    expect((error as TrailingDataError).chunkIndex).toBe(2);
    const short = await sealedFixture();
    const withGarbage = concatBytes([short.sealed, new Uint8Array([1, 2, 3])]);
    expect(await openFails(withGarbage, short.params, short.sealed.length)).toBeInstanceOf(TrailingDataError);
  });

  it('any single flipped bit is a tampered chunk, located at the right index', async () => {
    const { params, sealed } = await sealedFixture();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: sealed.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        async (at, bit) => {
          const tampered = sealed.slice();
          tampered[at] = (tampered[at] as number) ^ (1 << bit);
          const error = await openFails(tampered, params, sealed.length);
          expect(error).toBeInstanceOf(TamperedChunkError);
          expect((error as TamperedChunkError).chunkIndex).toBe(Math.floor(at / (cs + TAG_LENGTH)));
          await expect(openBytes(tampered, params)).rejects.toBeInstanceOf(TamperedChunkError);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('wrong associated data, key or nonce prefix fails at the first chunk', async () => {
    const { params, sealed } = await sealedFixture();
    const other = await makeParams(cs);
    for (const wrong of [
      { ...params, associatedData: new TextEncoder().encode('other ad') },
      { ...params, key: other.key },
      { ...params, noncePrefix: other.noncePrefix },
    ]) {
      const error = await streamError(openStream(streamOf(sealed), wrong));
      expect(error).toBeInstanceOf(TamperedChunkError);
      expect((error as TamperedChunkError).chunkIndex).toBe(0);
    }
  });

  it('each kind of tampering has its own error code', async () => {
    const { params, sealed, chunks } = await sealedFixture();
    const [c0, c1, c2, ...rest] = chunks as [Uint8Array, Uint8Array, Uint8Array, ...Uint8Array[]];
    const flipped = sealed.slice();
    flipped[20] = (flipped[20] as number) ^ 1;
    const full = await sealedFixture(3 * cs);
    const cases = [
      openFails(concatBytes(chunks.slice(0, -1)), params),
      openFails(concatBytes([c0, c2, c1, ...rest]), params),
      openFails(concatBytes([c0, c1, c1, c2, ...rest]), params),
      openFails(flipped, params),
      openFails(concatBytes([full.sealed, full.chunks[1] as Uint8Array]), full.params),
    ];
    const codes = (await Promise.all(cases)).map((e) => {
      expect(e).toBeInstanceOf(SealingError);
      return (e as SealingError).code;
    });
    expect(codes).toEqual([
      'TRUNCATED_STREAM',
      'REORDERED_CHUNK',
      'DUPLICATED_CHUNK',
      'TAMPERED_CHUNK',
      'TRAILING_DATA',
    ]);
  });
});
