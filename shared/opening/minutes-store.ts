// Minutes live in the log bucket (Object Lock, compliance mode) under one key per opening phase,
// written with If-None-Match: whoever writes first wins, and a second opener (a duplicate delivery,
// a retry after a crash) adopts the stored document instead of making another. The tenders table
// points at it (MINUTES#<phase>) in the same transaction that records the opening.
import { GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import type { MinutesRecord } from '../entities/records.ts';
import { minutesEntity } from '../entities/tenders.ts';
import { sha256Hex } from '../platform/sha256-hex.ts';
import { s3 } from '../storage/s3.ts';
import { tenderPk } from '../tenders/tender-store.ts';
import type { OpeningPhase } from './messages.ts';
import { signedMinutesJson } from './minutes-json.ts';
import type { SignedMinutes } from './minutes-schema.ts';

export const minutesObjectKey = (tenderId: string, phase: OpeningPhase) =>
  `minutes/${tenderId}/${phase}.json`;
export const minutesItemKey = (tenderId: string, phase: OpeningPhase) =>
  minutesEntity.key({ tenderId, phase });

export type { MinutesRecord } from '../entities/records.ts';

const taken = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 412 || error.name === 'PreconditionFailed');

export interface StoredMinutes {
  readonly document: SignedMinutes;
  readonly objectKey: string;
  readonly versionId?: string | undefined;
  readonly sha256: string;
  /** False when another opener had already stored this opening's minutes. */
  readonly written: boolean;
}

export async function readMinutesObject(objectKey: string): Promise<StoredMinutes | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: resources.bucket('log'), Key: objectKey }));
    const text = await (object.Body as { transformToString(): Promise<string> }).transformToString();
    return {
      document: JSON.parse(text) as SignedMinutes,
      objectKey,
      versionId: object.VersionId,
      sha256: sha256Hex(text),
      written: false,
    };
  } catch (error) {
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined;
    throw error;
  }
}

export async function storeMinutesOnce(document: SignedMinutes): Promise<StoredMinutes> {
  const { tenderId, phase } = document.minutes;
  const objectKey = minutesObjectKey(tenderId, phase);
  const body = signedMinutesJson(document);
  try {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: resources.bucket('log'),
        Key: objectKey,
        Body: body,
        ContentType: 'application/json',
        IfNoneMatch: '*',
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    return { document, objectKey, versionId: put.VersionId, sha256: sha256Hex(body), written: true };
  } catch (error) {
    if (!taken(error)) throw error;
    const existing = await readMinutesObject(objectKey);
    if (!existing) throw error;
    return existing;
  }
}

export async function listMinutesRecords(tenderId: string): Promise<MinutesRecord[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: resources.table('tenders'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
      ExpressionAttributeValues: { ':pk': tenderPk(tenderId), ':m': minutesEntity.skPrefix({}) },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map(({ pk: _pk, sk: _sk, ...record }) => record as MinutesRecord);
}
