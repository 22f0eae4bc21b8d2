import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { actorOf } from '../../shared/audit/actor.ts';
import { resources, settings } from '../../shared/config/settings.ts';
import { type TransactItem, writeWithAudit } from '../../shared/db/audited-write.ts';
import { conditionFailure, onConditionFailure } from '../../shared/db/write-conflicts.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { conflict, invalidField, notFound, unprocessable } from '../../shared/http/problem.ts';
import { documentLifecycle } from '../../shared/lifecycle/record-tables.ts';
import { stateUpdate } from '../../shared/lifecycle/state-update.ts';
import { tenderLifecycle } from '../../shared/lifecycle/tables.ts';
import { tenderNext, writeTenderTransition } from '../../shared/lifecycle/tender-writes.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { s3 } from '../../shared/storage/s3.ts';
import {
  type DocumentRecord,
  documentKey,
  documentObjectKey,
  getDocument,
  toDocument,
} from '../../shared/tenders/document-store.ts';
import { ownTender, requireBeforeDeadline } from '../../shared/tenders/tender-access.ts';
import { amendmentDeadlineExtension } from '../../shared/tenders/tender-procedure.ts';
import type { DeadlineExtension, DocumentRef, Revision } from '../../shared/tenders/tender-schemas.ts';
import { revisionPut, revisionSummary, tenderTable } from '../../shared/tenders/tender-store.ts';
import { tenderDocumentRoutes } from './contract.ts';

const bucket = () => resources.bucket('documents');
const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const base64ToHex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');
/** Confirming retries when the tender changed between reading and writing it. */
const confirmAttempts = 3;

const isNotFound = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * The SHA-256 of the stored object. S3 verified and kept the checksum the upload was signed with;
 * if it has none (an emulator, a multipart upload), hash the bytes themselves.
 */
async function storedSha256(key: string, versionId: string | undefined, checksum: string | undefined) {
  if (checksum && !checksum.includes('-')) return base64ToHex(checksum);
  const object = await s3.send(
    new GetObjectCommand({ Bucket: bucket(), Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
  );
  const hash = createHash('sha256');
  for await (const chunk of object.Body as Readable) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function verifyUpload(document: DocumentRecord): Promise<string | undefined> {
  let head: HeadObjectCommandOutput;
  try {
    head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket(), Key: document.objectKey, ChecksumMode: 'ENABLED' }),
    );
  } catch (error) {
    if (isNotFound(error)) throw conflict('nothing has been uploaded for this document yet');
    throw error;
  }
  if (head.ContentLength !== document.size) {
    throw unprocessable('the uploaded object is not the declared document', [
      {
        field: 'document.size',
        message: `the stored object has ${head.ContentLength} bytes; ${document.size} were declared`,
      },
    ]);
  }
  const actual = await storedSha256(document.objectKey, head.VersionId, head.ChecksumSHA256);
  if (actual !== document.sha256) {
    throw unprocessable('the uploaded object is not the declared document', [
      { field: 'document.sha256', message: `the stored object's SHA-256 is ${actual}` },
    ]);
  }
  return head.VersionId;
}

export const handler = httpHandler(tenderDocumentRoutes, {
  async requestDocumentUpload({ params, body, principal, role }) {
    if (!settings.DOCUMENT_CONTENT_TYPES.includes(body.contentType)) {
      throw invalidField('body.contentType', `must be one of ${settings.DOCUMENT_CONTENT_TYPES.join(', ')}`);
    }
    if (body.size > settings.DOCUMENT_MAX_BYTES) {
      throw invalidField('body.size', `must be at most ${settings.DOCUMENT_MAX_BYTES} bytes`);
    }
    const tender = await ownTender(params.tenderId, principal);
    tenderLifecycle.require('addDocument', tender.status, 'add documents to');
    const now = clock.iso();
    requireBeforeDeadline(tender, Date.parse(now), 'add documents');

    const documentId = ulid();
    const record: DocumentRecord = {
      documentId,
      tenderId: tender.tenderId,
      fileName: body.fileName,
      contentType: body.contentType,
      size: body.size,
      sha256: body.sha256,
      status: documentLifecycle.next('request', undefined),
      requestedAt: now,
      objectKey: documentObjectKey(tender.tenderId, documentId),
      requestedBySub: principal.sub,
    };
    await writeWithAudit(
      [
        {
          Put: {
            TableName: tenderTable(),
            Item: { ...documentKey(tender.tenderId, documentId), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      {
        actor: actorOf(principal, role),
        action: 'document.upload-requested',
        object: { type: 'document', id: documentId },
        tenderId: tender.tenderId,
        change: toDocument(record),
      },
      now,
    );
    const checksum = hexToBase64(record.sha256);
    const uploadUrl = await getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket: bucket(),
        Key: record.objectKey,
        ContentLength: record.size,
        ContentType: record.contentType,
        ChecksumSHA256: checksum,
      }),
      {
        expiresIn: settings.PRESIGN_TTL_SECONDS,
        // Signed headers: S3 refuses a body of another length or digest, or another type.
        signableHeaders: new Set(['content-length', 'content-type', 'x-amz-checksum-sha256']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      },
    );
    return {
      body: {
        document: toDocument(record),
        uploadUrl,
        method: 'PUT' as const,
        headers: { 'content-type': record.contentType, 'x-amz-checksum-sha256': checksum },
        expiresAt: new Date(Date.parse(now) + settings.PRESIGN_TTL_SECONDS * 1000).toISOString(),
      },
      headers: { location: `/tenders/${tender.tenderId}/documents/${documentId}` },
    };
  },

  async confirmDocument({ params, principal, role }) {
    let tender = await ownTender(params.tenderId, principal);
    const document = await getDocument(params.tenderId, params.documentId);
    if (!document) throw notFound(`no document ${params.documentId} on tender ${params.tenderId}`);
    documentLifecycle.require('confirm', document.status, 'confirm');
    const versionId = await verifyUpload(document);

    for (let attempt = 1; ; attempt++) {
      tenderLifecycle.require('addDocument', tender.status, 'add documents to');
      const now = clock.iso();
      requireBeforeDeadline(tender, Date.parse(now), 'add documents');
      const published = tender.status === 'published';
      const ref: DocumentRef = {
        documentId: document.documentId,
        fileName: document.fileName,
        contentType: document.contentType,
        size: document.size,
        sha256: document.sha256,
        addedAt: now,
        ...(published ? { revision: tender.revision + 1 } : {}),
      };
      const next = tenderNext('addDocument', tender, { documents: [...tender.documents, ref] }, now);
      // On a published tender a new document is an amendment of the bidding documents.
      let revision: Revision | undefined;
      let deadlineExtended: DeadlineExtension | undefined;
      if (published) {
        deadlineExtended = amendmentDeadlineExtension(next, now);
        if (deadlineExtended) next.submissionDeadline = deadlineExtended.to;
        next.revision = tender.revision + 1;
        revision = {
          revision: next.revision,
          kind: 'document',
          at: now,
          note: `document added: ${document.fileName}`,
          changedFields: deadlineExtended ? ['documents', 'submissionDeadline'] : ['documents'],
          ...(deadlineExtended ? { deadlineExtended } : {}),
          snapshot: next,
        };
      }
      const available: DocumentRecord = {
        ...document,
        status: documentLifecycle.next('confirm', document.status),
        availableAt: now,
        ...(versionId ? { versionId } : {}),
      };
      const documentUpdate: TransactItem = {
        Update: {
          TableName: tenderTable(),
          Key: documentKey(document.tenderId, document.documentId),
          ...stateUpdate(documentLifecycle, 'confirm', document.status, { availableAt: now, versionId }),
        },
      };
      try {
        await writeTenderTransition('addDocument', tender, next, {
          actor: actorOf(principal, role),
          object: { type: 'document', id: document.documentId },
          change: {
            document: toDocument(available),
            ...(revision ? { revision: revision.revision } : {}),
            ...(deadlineExtended ? { deadlineExtended } : {}),
          },
          items: {
            document: documentUpdate,
            ...(revision ? { revision: revisionPut(next.tenderId, revision) } : {}),
          },
        });
      } catch (error) {
        // The tender moved on (index 0): read it again and retry, a few times.
        if (conditionFailure(error)?.index === 0 && attempt < confirmAttempts) {
          tender = await ownTender(params.tenderId, principal);
          continue;
        }
        onConditionFailure(error, ({ index }) =>
          index === 1
            ? conflict('this document is already available')
            : conflict('the tender keeps changing: try again'),
        );
      }
      return {
        body: {
          document: toDocument(available),
          ...(revision ? { revision: revisionSummary(revision) } : {}),
          ...(deadlineExtended ? { deadlineExtended } : {}),
        },
      };
    }
  },
});
