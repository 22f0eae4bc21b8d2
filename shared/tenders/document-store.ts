// Documents live in the tender's partition (DOC#<documentId>); the file is at
// tenders/<tenderId>/<documentId> in the documents bucket, pinned to the S3 version confirmed.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { documentEntity } from '../entities/tenders.ts';
import type { TenderDocument } from './document-schemas.ts';
import { tenderTable } from './tender-store.ts';

export const documentKey = (tenderId: string, documentId: string) =>
  documentEntity.key({ tenderId, documentId });

export const documentObjectKey = (tenderId: string, documentId: string) =>
  `tenders/${tenderId}/${documentId}`;

export interface DocumentRecord extends TenderDocument {
  readonly objectKey: string;
  readonly requestedBySub: string;
  /** The S3 object version that was checked; downloads serve exactly that version. */
  readonly versionId?: string;
}

export async function getDocument(tenderId: string, documentId: string): Promise<DocumentRecord | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: tenderTable(),
      Key: documentKey(tenderId, documentId),
      ConsistentRead: true,
    }),
  );
  return result.Item as DocumentRecord | undefined;
}

export function toDocument(record: DocumentRecord): TenderDocument {
  return {
    documentId: record.documentId,
    tenderId: record.tenderId,
    fileName: record.fileName,
    contentType: record.contentType,
    size: record.size,
    sha256: record.sha256,
    status: record.status,
    requestedAt: record.requestedAt,
    ...(record.availableAt ? { availableAt: record.availableAt } : {}),
  };
}
