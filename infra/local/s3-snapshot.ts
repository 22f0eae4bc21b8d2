// moto keeps S3 in memory. To let local state survive a restart like DynamoDB Local's does, the
// current version of every object is saved to disk on a clean stop and put back on start.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

interface SavedObject {
  readonly bucket: string;
  readonly key: string;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
  readonly file: string;
}

export async function saveS3(dir: string, bucketNames: readonly string[]): Promise<number> {
  const s3 = new S3Client({ forcePathStyle: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'objects'), { recursive: true });
  const index: SavedObject[] = [];
  for (const bucket of bucketNames) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
        const file = `${index.length}`;
        writeFileSync(
          join(dir, 'objects', file),
          (await got.Body?.transformToByteArray()) ?? new Uint8Array(),
        );
        index.push({
          bucket,
          key: object.Key,
          ...(got.ContentType ? { contentType: got.ContentType } : {}),
          ...(got.Metadata ? { metadata: got.Metadata } : {}),
          file,
        });
      }
      token = page.NextContinuationToken;
    } while (token);
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  return index.length;
}

export async function restoreS3(dir: string): Promise<number> {
  let index: SavedObject[];
  try {
    index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SavedObject[];
  } catch {
    return 0;
  }
  const s3 = new S3Client({ forcePathStyle: true });
  const files = new Set(readdirSync(join(dir, 'objects')));
  for (const saved of index) {
    if (!files.has(saved.file)) continue;
    await s3.send(
      new PutObjectCommand({
        Bucket: saved.bucket,
        Key: saved.key,
        Body: readFileSync(join(dir, 'objects', saved.file)),
        ContentType: saved.contentType,
        Metadata: saved.metadata,
      }),
    );
  }
  return index.length;
}
