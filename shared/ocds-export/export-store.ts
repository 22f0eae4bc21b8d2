// The exports bucket: parts and the manifest. PutObject and GetObject only (no listing, no delete),
// which is all the export's grant allows: the manifest says which parts exist.

import type { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { resources } from '../config/settings.ts';
import { s3 } from '../storage/s3.ts';
import { EXPORT_MANIFEST_KEY, ExportManifest, exportPartKey } from './layout.ts';

const bucket = () => resources.bucket('exports');

export async function putPart(month: string, part: number, body: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: exportPartKey(month, part),
      Body: body,
      ContentType: 'application/x-ndjson',
    }),
  );
}

export async function readManifest(): Promise<ExportManifest | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: EXPORT_MANIFEST_KEY }));
    const text = (await object.Body?.transformToString('utf8')) ?? '';
    return ExportManifest.parse(JSON.parse(text));
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

export async function writeManifest(manifest: ExportManifest): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: EXPORT_MANIFEST_KEY,
      Body: JSON.stringify(manifest),
      ContentType: 'application/json',
    }),
  );
}

/** One part as a byte stream (never read whole). */
export async function partStream(month: string, part: number): Promise<Readable> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: exportPartKey(month, part) }));
  return object.Body as Readable;
}
