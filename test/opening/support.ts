// Helpers for the opening, evaluation and award tests: a local cloud of its own (own tables,
// queues and buckets on the shared emulators, so other test files' openers and safety nets never
// touch these tenders), and sealed bids written the way the bid API stores them (bid-records.ts):
// the envelope in the bids bucket with its SHA-256 checksum, a version item and a current pointer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptCommand, GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { startLocalCloud } from '../../infra/local/local-cloud.ts';
import type { Role } from '../../shared/auth/roles.ts';
import { type BidVersionRecord, bidKeys, envelopeKey, openingKeyKey } from '../../shared/bids/bid-records.ts';
import { db } from '../../shared/db/client.ts';
import { signingKeyKey } from '../../shared/opening/signing-keys.ts';
import { type FinancialEnvelopeRecord, financialBinding } from '../../shared/opening/two-envelope.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import {
  type BidBinding,
  type DocumentInput,
  generateOpeningKeyPair,
  generateSigningKeyPair,
  type P256PublicJwk,
  type SigningKeyPair,
  sealBid,
  signSubmission,
} from '../../shared/sealing/index.ts';
import { statusIndexSk } from '../../shared/tenders/tender-store.ts';
import type { TestCloud } from '../support/local-cloud.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A local cloud on its own resource prefix; the test process's resource variables point at it. */
export async function startOwnCloud(
  settings: Record<string, string> = {},
  catalog: Record<string, FunctionSpec> = functionSpecs,
): Promise<TestCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eproc-opening-'));
  const cloud = await startLocalCloud({
    catalog,
    emulatorEnv: inject('cloudEnv'),
    prefix: `eproc-t${Math.random().toString(36).slice(2, 8)}`,
    dataDir,
    settings: { POWERTOOLS_LOG_LEVEL: 'ERROR', SCHEDULE_INTERVAL_MS: '1000', ...settings },
  });
  Object.assign(process.env, cloud.env);
  return {
    ...cloud,
    dataDir,
    stop: cloud.stop,
    token: (sub: string, role: Role, organisationId?: string) =>
      cloud.issuer.sign({ sub, roles: [role], ...(organisationId ? { organisationId } : {}) }),
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${cloud.url}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Left as text.
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
}

/** Polls until `done` (a state the system must reach on its own), or gives up with the last value. */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await sleep(200);
    value = await probe();
  }
  return value;
}

const kms = new KMSClient({});

/** The tender's published opening key; made here (wrapped by the emulator's KMS) if publication made none. */
export async function openingPublicKey(tenderId: string): Promise<P256PublicJwk> {
  const table = process.env.TABLE_TENDERS as string;
  const existing = await db.send(
    new GetCommand({ TableName: table, Key: openingKeyKey(tenderId), ConsistentRead: true }),
  );
  if (existing.Item) return existing.Item.publicKeyJwk as P256PublicJwk;
  const pair = await generateOpeningKeyPair();
  const wrapped = await kms.send(
    new EncryptCommand({
      KeyId: process.env.KEY_TENDER_KEYS_ID,
      Plaintext: pair.privateKeyPkcs8,
      EncryptionContext: { tenderId },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...openingKeyKey(tenderId),
        tenderId,
        publicKeyJwk: pair.publicKeyJwk,
        keyId: pair.keyId,
        wrappedPrivateKey: Buffer.from(wrapped.CiphertextBlob as Uint8Array).toString('base64'),
        createdAt: new Date().toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return pair.publicKeyJwk;
}

export interface Bidder {
  readonly contractorId: string;
  readonly sub: string;
  readonly name: string;
  readonly signing: SigningKeyPair;
}

/** A contractor in the registry with a registered signing key (the layout the opener reads). */
export async function bidder(name = `Công ty ${Math.random().toString(36).slice(2, 7)}`): Promise<Bidder> {
  const contractorId = ulid();
  const sub = `contractor-${contractorId}`;
  const signing = await generateSigningKeyPair();
  const table = process.env.TABLE_PARTIES as string;
  const now = new Date().toISOString();
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: `CONTRACTOR#${contractorId}`,
        sk: 'PROFILE',
        contractorId,
        name,
        enterpriseCode: `01${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        address: { street: '1 Tràng Tiền', province: 'Hà Nội', country: 'VN' },
        contacts: [{ name, email: 'bids@example.vn' }],
        representatives: [{ name, title: 'Giám đốc' }],
        status: 'active',
        createdAt: now,
        updatedAt: now,
        version: 1,
        ownerSub: sub,
      },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...signingKeyKey(contractorId, signing.keyId),
        contractorId,
        keyId: signing.keyId,
        publicKeyJwk: signing.publicKeyJwk,
        status: 'active',
        addedAt: now,
      },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { pk: `OWNER#${sub}`, sk: 'CONTRACTOR', contractorId },
    }),
  );
  return { contractorId, sub, name, signing };
}

export const priceForm = (price: number, extra: Record<string, unknown> = {}) => ({
  currency: 'VND',
  price,
  bidSecurity: { amount: 30_000_000, issuer: 'Vietcombank', reference: 'BL-2026-001' },
  validityDays: 120,
  ...extra,
});

export const textDocument = (name: string, text: string): DocumentInput => {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    contentType: 'text/plain',
    size: bytes.byteLength,
    stream: new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
  };
};

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function storeEnvelope(
  key: string,
  bytes: Uint8Array,
): Promise<{ versionId?: string; sha256: string }> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const put = await (await import('../../shared/storage/s3.ts')).s3.send(
    new PutObjectCommand({
      Bucket: process.env.BUCKET_BIDS,
      Key: key,
      Body: bytes,
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: Buffer.from(digest).toString('base64'),
    }),
  );
  return {
    ...(put.VersionId ? { versionId: put.VersionId } : {}),
    sha256: Buffer.from(digest).toString('hex'),
  };
}

export interface SubmitOptions {
  readonly tenderId: string;
  readonly lotId: string;
  readonly bidder: Bidder;
  /** The sealed "price form": PriceForm, or TechnicalForm for two envelopes. */
  readonly form: Record<string, unknown>;
  readonly documents?: readonly DocumentInput[];
  /** Two envelopes: the financial part's form. */
  readonly financial?: Record<string, unknown>;
  readonly receivedAt?: string;
  /** Flip a byte of the stored envelope after signing (the stored object no longer matches). */
  readonly tamper?: boolean;
  /** Sign something else: the signature does not verify. */
  readonly forgeSignature?: boolean;
}

async function sealAndStore(
  binding: BidBinding,
  publicKey: P256PublicJwk,
  form: Record<string, unknown>,
  documents: readonly DocumentInput[],
  signer: SigningKeyPair,
  options: { tamper?: boolean | undefined; forgeSignature?: boolean | undefined },
) {
  const sealed = await sealBid({
    ...binding,
    tenderPublicKey: publicKey,
    priceForm: form as never,
    documents,
  });
  const bytes = await collect(sealed.stream);
  const sha256 = await sealed.sha256Hex;
  const key = envelopeKey(
    binding.tenderId,
    binding.lotId.split(':')[0] as string,
    binding.contractorId,
    ulid(),
  );
  const stored = bytes.slice();
  if (options.tamper) stored[stored.length - 1] = (stored[stored.length - 1] as number) ^ 0xff;
  const put = await storeEnvelope(binding.lotId.endsWith(':financial') ? `${key}.financial` : key, stored);
  const signature = await signSubmission(signer.privateKey, {
    ...binding,
    envelopeSha256: options.forgeSignature ? '0'.repeat(64) : sha256,
  });
  return {
    envelopeKey: binding.lotId.endsWith(':financial') ? `${key}.financial` : key,
    ...(put.versionId ? { envelopeVersionId: put.versionId } : {}),
    envelopeSha256: sha256,
    envelopeSize: bytes.byteLength,
    signature,
  };
}

/** Seals, stores and records one bid version, superseding the contractor's current one on the lot. */
export async function submitBid(options: SubmitOptions): Promise<BidVersionRecord> {
  const { tenderId, lotId, bidder: who } = options;
  const table = process.env.TABLE_BIDS as string;
  const publicKey = await openingPublicKey(tenderId);
  const binding = { tenderId, lotId, contractorId: who.contractorId };
  const main = await sealAndStore(
    binding,
    publicKey,
    options.form,
    options.documents ?? [],
    who.signing,
    options,
  );
  let financial: FinancialEnvelopeRecord | undefined;
  if (options.financial) {
    financial = await sealAndStore(
      financialBinding(binding),
      publicKey,
      options.financial,
      [],
      who.signing,
      {},
    );
  }
  const current = await db.send(
    new GetCommand({
      TableName: table,
      Key: bidKeys.current(tenderId, lotId, who.contractorId),
      ConsistentRead: true,
    }),
  );
  const version = ((current.Item?.version as number | undefined) ?? 0) + 1;
  const record: BidVersionRecord & { financial?: FinancialEnvelopeRecord } = {
    bidId: ulid(),
    tenderId,
    lotId,
    contractorId: who.contractorId,
    version,
    status: 'active',
    ...main,
    signingKeyId: who.signing.keyId,
    receivedAt: options.receivedAt ?? new Date().toISOString(),
    auditEventId: ulid(),
    ...(financial ? { financial } : {}),
  };
  if (current.Item) {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: bidKeys.version(tenderId, lotId, who.contractorId, current.Item.version as number),
        UpdateExpression: 'SET #s = :s, supersededBy = :by',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'superseded', ':by': record.bidId },
      }),
    );
  }
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...bidKeys.version(tenderId, lotId, who.contractorId, version),
        ...bidKeys.byContractor(who.contractorId),
        ...record,
      },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...bidKeys.current(tenderId, lotId, who.contractorId),
        tenderId,
        lotId,
        contractorId: who.contractorId,
        bidId: record.bidId,
        version,
        status: 'active',
      },
    }),
  );
  return record;
}

/** Withdraws the contractor's current bid on the lot (pointer and version marked withdrawn). */
export async function withdrawBid(tenderId: string, lotId: string, who: Bidder): Promise<void> {
  const table = process.env.TABLE_BIDS as string;
  const current = await db.send(
    new GetCommand({
      TableName: table,
      Key: bidKeys.current(tenderId, lotId, who.contractorId),
      ConsistentRead: true,
    }),
  );
  const version = current.Item?.version as number;
  const at = new Date().toISOString();
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: bidKeys.version(tenderId, lotId, who.contractorId, version),
      UpdateExpression: 'SET #s = :s, withdrawnAt = :at',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'withdrawn', ':at': at },
    }),
  );
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: bidKeys.current(tenderId, lotId, who.contractorId),
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'withdrawn' },
    }),
  );
}

export async function logPublicKey(): Promise<string> {
  const key = await kms.send(new GetPublicKeyCommand({ KeyId: process.env.KEY_LOG_ID }));
  return Buffer.from(key.PublicKey as Uint8Array).toString('base64');
}

export async function storedMeta(tenderId: string): Promise<Record<string, any>> {
  const result = await db.send(
    new GetCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: { pk: `TENDER#${tenderId}`, sk: 'META' },
      ConsistentRead: true,
    }),
  );
  return result.Item as Record<string, any>;
}

/** Moves a stored deadline (and its index key) as a change by another path would, setting no timer. */
export async function moveStoredDeadline(tenderId: string, deadline: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: { pk: `TENDER#${tenderId}`, sk: 'META' },
      UpdateExpression: 'SET submissionDeadline = :d, gsi1sk = :sk',
      ExpressionAttributeValues: { ':d': deadline, ':sk': statusIndexSk(deadline, tenderId) },
    }),
  );
}

/** Audit events of the tender with this action, from the audit table's object index. */
export async function tenderEvents(tenderId: string, action?: string): Promise<Record<string, any>[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_AUDIT,
      IndexName: 'byObject',
      KeyConditionExpression: 'objectKey = :k',
      ExpressionAttributeValues: { ':k': `tender#${tenderId}` },
    }),
  );
  return (result.Items ?? []).filter((e) => !action || e.action === action);
}

export async function publicMinutes(cloud: TestCloud, tenderId: string) {
  const response = await until(
    () => cloud.call('GET', `/tenders/${tenderId}/minutes`),
    (r) => r.status === 200,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { tenderId: string; items: any[] };
}
