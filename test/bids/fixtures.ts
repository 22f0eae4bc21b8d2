// Helpers for the bid tests: bidders with registered signing keys, sealing with the real library,
// uploads through the presigned URLs, commits, and direct reads of what was stored.
import { createHash } from 'node:crypto';
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { bidderSecret } from '../../shared/bids/bidder-secret.ts';
import type { JsonValue } from '../../shared/canonical/canonical-json.ts';
import { db } from '../../shared/db/client.ts';
import { bidVersionEntity } from '../../shared/entities/bids.ts';
import { openingKeyEntity } from '../../shared/entities/tenders.ts';
import {
  type BidBinding,
  generateSigningKeyPair,
  importOpeningPrivateKey,
  type OpeningPrivateKey,
  type SigningKeyPair,
  sealBid,
  signSubmission,
} from '../../shared/sealing/index.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { tenderCommitment } from '../../shared/tlog/index.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { registeredContractor, storedItem } from '../tenders/fixtures.ts';

export interface Bidder {
  readonly sub: string;
  readonly token: string;
  readonly contractorId: string;
  readonly key: SigningKeyPair;
}

export async function bidder(cloud: TestCloud): Promise<Bidder> {
  const contractor = await registeredContractor(cloud);
  const key = await generateSigningKeyPair();
  const added = await cloud.call('POST', `/contractors/${contractor.contractorId}/signing-keys`, {
    token: contractor.token,
    body: { publicKeyJwk: key.publicKeyJwk },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  return { ...contractor, key };
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface SealedEnvelope {
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

export async function seal(
  tender: any,
  binding: BidBinding,
  priceForm: JsonValue,
  documents: { name: string; bytes: Uint8Array }[] = [],
): Promise<SealedEnvelope> {
  const sealed = await sealBid({
    ...binding,
    tenderPublicKey: tender.openingPublicKey.jwk,
    priceForm,
    documents: documents.map((d) => ({
      name: d.name,
      contentType: 'application/pdf',
      size: d.bytes.length,
      stream: new Blob([d.bytes as Uint8Array<ArrayBuffer>]).stream(),
    })),
    chunkSize: 4096,
  });
  const bytes = new Uint8Array(await new Response(sealed.stream).arrayBuffer());
  expect(await sealed.sha256Hex).toBe(sha256Hex(bytes));
  return { bytes, sha256: sha256Hex(bytes) };
}

export async function requestUpload(
  cloud: TestCloud,
  who: Bidder,
  tenderId: string,
  lotId: string,
  envelope: SealedEnvelope,
) {
  return cloud.call('POST', `/tenders/${tenderId}/lots/${lotId}/bid-uploads`, {
    token: who.token,
    body: { size: envelope.bytes.length, sha256: envelope.sha256 },
  });
}

export async function put(ticket: any, bytes: Uint8Array, headers: Record<string, string> = ticket.headers) {
  const response = await fetch(ticket.uploadUrl, {
    method: 'PUT',
    body: bytes as Uint8Array<ArrayBuffer>,
    headers,
  });
  return { status: response.status, text: await response.text() };
}

/** Requests the ticket and uploads through it; returns the upload id. */
export async function upload(
  cloud: TestCloud,
  who: Bidder,
  tenderId: string,
  lotId: string,
  envelope: SealedEnvelope,
) {
  const ticket = await requestUpload(cloud, who, tenderId, lotId, envelope);
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const stored = await put(ticket.body, envelope.bytes);
  expect(stored.status, stored.text).toBe(200);
  return ticket.body.uploadId as string;
}

export async function signFor(who: Bidder, tenderId: string, lotId: string, envelopeSha256: string) {
  return signSubmission(who.key.privateKey, {
    tenderId,
    lotId,
    contractorId: who.contractorId,
    envelopeSha256,
  });
}

export async function commit(
  cloud: TestCloud,
  who: Bidder,
  tenderId: string,
  lotId: string,
  body: {
    uploadId: string;
    envelopeSha256: string;
    signature?: string;
    replaces?: string;
    financial?: { uploadId: string; envelopeSha256: string; signature: string };
  },
  idempotencyKey: string = crypto.randomUUID(),
) {
  return cloud.call('POST', `/tenders/${tenderId}/lots/${lotId}/bids`, {
    token: who.token,
    headers: { 'idempotency-key': idempotencyKey },
    body: {
      signingKeyId: who.key.keyId,
      signature: body.signature ?? (await signFor(who, tenderId, lotId, body.envelopeSha256)),
      ...body,
    },
  });
}

/** Seals, uploads and commits one bid; returns the commit answer and the envelope. */
export async function submit(
  cloud: TestCloud,
  who: Bidder,
  tender: any,
  lotId: string,
  priceForm: JsonValue,
  options: { documents?: { name: string; bytes: Uint8Array }[]; replaces?: string } = {},
) {
  const envelope = await seal(
    tender,
    { tenderId: tender.tenderId, lotId, contractorId: who.contractorId },
    priceForm,
    options.documents,
  );
  const uploadId = await upload(cloud, who, tender.tenderId, lotId, envelope);
  const response = await commit(cloud, who, tender.tenderId, lotId, {
    uploadId,
    envelopeSha256: envelope.sha256,
    ...(options.replaces ? { replaces: options.replaces } : {}),
  });
  return { response, envelope, uploadId };
}

/** The bidder's pseudonym on the tender, as the bid functions derive it (KMS HMAC). */
export const refOf = async (who: Pick<Bidder, 'contractorId'>, tenderId: string) =>
  (await bidderSecret(who.contractorId)).bidderRef(tenderId);

/**
 * What an operator with database and bucket access sees of bids: every item of the bids table,
 * every object key in the bids bucket, and every audit event about a bid (the contractor's own
 * registration is public, and says nothing about bids).
 */
export async function operatorView(): Promise<string> {
  const scan = async (table: string | undefined) => {
    const items: unknown[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };
  const objectKeys: (string | undefined)[] = [];
  let marker: { KeyMarker?: string; VersionIdMarker?: string } = {};
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: process.env.BUCKET_BIDS, ...marker }));
    objectKeys.push(...(page.Versions ?? []).map((v) => v.Key));
    if (!page.IsTruncated) break;
    marker = { KeyMarker: page.NextKeyMarker as string, VersionIdMarker: page.NextVersionIdMarker as string };
  }
  return JSON.stringify({
    bids: await scan(process.env.TABLE_BIDS),
    audit: (await scan(process.env.TABLE_AUDIT)).filter((e) =>
      String((e as { action?: string }).action).startsWith('bid.'),
    ),
    objectKeys,
  });
}

/** Every item in the tender's partition of the bids table. */
export async function bidItems(tenderId: string) {
  const result = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_BIDS,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': bidVersionEntity.pk({ tenderId }) },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

export async function storedObject(key: string, versionId?: string) {
  const object = await s3.send(
    new GetObjectCommand({
      Bucket: process.env.BUCKET_BIDS,
      Key: key,
      ...(versionId ? { VersionId: versionId } : {}),
    }),
  );
  return { bytes: new Uint8Array(await object.Body!.transformToByteArray()), object };
}

/** What only the opener can do: unwrap the tender's opening key with KMS. */
export async function openingKeyOf(tenderId: string): Promise<OpeningPrivateKey> {
  const record = await storedItem(
    'TABLE_TENDERS',
    openingKeyEntity.pk({ tenderId }),
    openingKeyEntity.sk({}),
  );
  const plain = await new KMSClient({}).send(
    new DecryptCommand({
      KeyId: process.env.KEY_TENDER_KEYS_ID,
      CiphertextBlob: Buffer.from(record!.wrappedPrivateKey, 'base64'),
      EncryptionContext: { tenderId },
    }),
  );
  return importOpeningPrivateKey(new Uint8Array(plain.Plaintext!));
}

/** True when `needle` occurs in `haystack`. */
export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) >= 0;
}

/**
 * The tender's bid events in the audit table, oldest first. They do not name the tender (only a
 * salted commitment), so they are tied here as the opening minutes will: each event's bid is
 * looked up among the tender's stored versions, and its commitment recomputed from the salt.
 */
export async function bidAuditTrail(tenderId: string) {
  const versions = new Map(
    (await bidItems(tenderId))
      .filter((i) => i.sk.startsWith(bidVersionEntity.skPrefix({})))
      .map((v) => [v.bidId, v]),
  );
  const items: Record<string, any>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: process.env.TABLE_AUDIT,
        FilterExpression: 'begins_with(#action, :bid)',
        ExpressionAttributeNames: { '#action': 'action' },
        ExpressionAttributeValues: { ':bid': 'bid.' },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items
    .filter((e) => {
      const v = versions.get(e.object?.id);
      return (
        v?.tenderSalt &&
        e.tenderCommitment ===
          tenderCommitment({ tenderId, lotId: v.lotId, bidId: v.bidId, salt: v.tenderSalt })
      );
    })
    .sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
}
