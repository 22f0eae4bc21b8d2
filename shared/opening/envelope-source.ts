// Where the opener reads sealed envelopes from: ranged reads of their first bytes, and S3's own
// SHA-256 of the whole object (verified by S3 when the upload was stored). Every byte fetched is
// counted, so a benchmark can show that opening prices never downloads a document.
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound } from '@aws-sdk/client-s3';
import { patiently } from '../platform/read-patiently.ts';
import { s3 } from '../storage/s3.ts';

export interface RangeRead {
  readonly bytes: Uint8Array;
  /** The whole object's size, from Content-Range. */
  readonly objectSize: number;
  readonly versionId?: string | undefined;
}

export interface ObjectFacts {
  readonly size: number;
  readonly versionId?: string | undefined;
  /** Hex SHA-256 of the whole object, when the store kept a full-object checksum. */
  readonly sha256Hex?: string | undefined;
}

export interface FetchStats {
  requests: number;
  bytes: number;
}

export interface EnvelopeSource {
  readonly stats: FetchStats;
  /** Bytes [start, end) of the object (fewer if it is shorter); undefined if there is no object. */
  read(key: string, start: number, end: number): Promise<RangeRead | undefined>;
  head(key: string): Promise<ObjectFacts | undefined>;
  /** Reads the whole object to hash it: only for objects the store kept no checksum for. */
  hashWhole(key: string): Promise<string>;
}

const missing = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

export const base64ToHex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');

export function s3EnvelopeSource(bucket: string): EnvelopeSource {
  const stats: FetchStats = { requests: 0, bytes: 0 };
  // Each read retried on its own past the SDK's attempts (read-patiently.ts).
  return readingPatiently({
    stats,
    async read(key, start, end) {
      stats.requests++;
      try {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` }),
        );
        const bytes = await (
          object.Body as { transformToByteArray(): Promise<Uint8Array> }
        ).transformToByteArray();
        stats.bytes += bytes.byteLength;
        const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
        return {
          bytes,
          objectSize: total ? Number(total) : bytes.byteLength,
          versionId: object.VersionId,
        };
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },
    async head(key) {
      stats.requests++;
      try {
        const head = await s3.send(
          new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }),
        );
        const checksum = head.ChecksumSHA256;
        // A multipart upload's checksum is of its parts ("…-N"), not of the object.
        const whole = checksum && !checksum.includes('-') ? base64ToHex(checksum) : undefined;
        return { size: head.ContentLength ?? 0, versionId: head.VersionId, sha256Hex: whole };
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },
    async hashWhole(key) {
      stats.requests++;
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const hash = createHash('sha256');
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
        stats.bytes += chunk.byteLength;
        hash.update(chunk);
      }
      return hash.digest('hex');
    },
  });
}

/** The same source, each read retried on its own while it fails transiently. */
export function readingPatiently(source: EnvelopeSource): EnvelopeSource {
  return {
    stats: source.stats,
    read: (key, start, end) => patiently(() => source.read(key, start, end)),
    head: (key) => patiently(() => source.head(key)),
    hashWhole: (key) => patiently(() => source.hashWhole(key)),
  };
}
