// Sealed bids written the way the bid API stores them (bid-records.ts): the envelope in the bids
// bucket with its SHA-256 checksum, a version item and a current pointer; contractors with a
// registered signing key; the tender's opening key. No test framework here: benchmarks use it too.

import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BidVersionRecord, bidKeys, envelopeKey, openingKeyKey } from '../../shared/bids/bid-records.ts';
import { bidderSecret } from '../../shared/bids/bidder-secret.ts';
import { sealIdentity } from '../../shared/bids/sealed-identity.ts';
import { db } from '../../shared/db/client.ts';
import { contractorEntity, ownerClaimEntity } from '../../shared/entities/parties.ts';
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
import { s3 } from '../../shared/storage/s3.ts';

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
        ...contractorEntity.key({ contractorId }),
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
      Item: { ...ownerClaimEntity.key({ sub }), contractorId },
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
  const put = await s3.send(
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
    (await bidderSecret(binding.contractorId)).bidderRef(binding.tenderId),
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
  let financial: Awaited<ReturnType<typeof sealAndStore>> | undefined;
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
  const bidderRef = (await bidderSecret(who.contractorId)).bidderRef(tenderId);
  const current = await db.send(
    new GetCommand({
      TableName: table,
      Key: bidKeys.current(tenderId, lotId, bidderRef),
      ConsistentRead: true,
    }),
  );
  const version = ((current.Item?.version as number | undefined) ?? 0) + 1;
  const bidId = ulid();
  const { signature, ...envelope } = main;
  const record: BidVersionRecord & { financial?: FinancialEnvelopeRecord } = {
    bidId,
    tenderId,
    lotId,
    bidderRef,
    version,
    status: 'active',
    ...envelope,
    sealedIdentity: await sealIdentity(
      publicKey,
      { tenderId, lotId, bidderRef, bidId },
      {
        contractorId: who.contractorId,
        signingKeyId: who.signing.keyId,
        signature,
        ...(financial ? { financialSignature: financial.signature } : {}),
      },
    ),
    receivedAt: options.receivedAt ?? new Date().toISOString(),
    auditEventId: ulid(),
    ...(financial ? { financial: (({ signature: _s, ...f }) => f)(financial) } : {}),
  };
  if (current.Item) {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: bidKeys.version(tenderId, lotId, bidderRef, current.Item.version as number),
        UpdateExpression: 'SET #s = :s, supersededBy = :by',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'superseded', ':by': record.bidId },
      }),
    );
  }
  await storeBidVersion(record);
  return record;
}

/** Writes an active version and points its bidder's lot at it, as a commit does. */
export async function storeBidVersion(record: BidVersionRecord & { financial?: FinancialEnvelopeRecord }) {
  const { tenderId, lotId, bidderRef, bidId, version } = record;
  const table = process.env.TABLE_BIDS as string;
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { ...bidKeys.version(tenderId, lotId, bidderRef, version), ...record },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...bidKeys.current(tenderId, lotId, bidderRef),
        tenderId,
        lotId,
        bidderRef,
        bidId,
        version,
        status: 'active',
      },
    }),
  );
}

/** Withdraws the contractor's current bid on the lot (pointer and version marked withdrawn). */
export async function withdrawBid(tenderId: string, lotId: string, who: Bidder): Promise<void> {
  const table = process.env.TABLE_BIDS as string;
  const bidderRef = (await bidderSecret(who.contractorId)).bidderRef(tenderId);
  const current = await db.send(
    new GetCommand({
      TableName: table,
      Key: bidKeys.current(tenderId, lotId, bidderRef),
      ConsistentRead: true,
    }),
  );
  const version = current.Item?.version as number;
  const at = new Date().toISOString();
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: bidKeys.version(tenderId, lotId, bidderRef, version),
      UpdateExpression: 'SET #s = :s, withdrawnAt = :at',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'withdrawn', ':at': at },
    }),
  );
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: bidKeys.current(tenderId, lotId, bidderRef),
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'withdrawn' },
    }),
  );
}
