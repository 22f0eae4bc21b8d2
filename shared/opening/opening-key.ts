// The tender's opening private key exists in plaintext only inside the opener, only after the
// deadline: KMS unwraps it under the encryption context { tenderId }, so a ciphertext copied to
// another tender's record does not decrypt.
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type OpeningKeyRecord, openingKeyKey } from '../bids/bid-records.ts';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { traced } from '../runtime/tracer.ts';
import type { OpeningPrivateKey } from '../sealing/index.ts';
import { importOpeningPrivateKeyForNode } from './node-sealing-primitives.ts';

const kms = traced(new KMSClient({}));

export async function readOpeningKeyRecord(tenderId: string): Promise<OpeningKeyRecord | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: resources.table('tenders'),
      Key: openingKeyKey(tenderId),
      ConsistentRead: true,
    }),
  );
  return result.Item as OpeningKeyRecord | undefined;
}

export async function unwrapOpeningKey(record: OpeningKeyRecord): Promise<OpeningPrivateKey> {
  const result = await kms.send(
    new DecryptCommand({
      KeyId: resources.keyId('tenderKeys'),
      CiphertextBlob: Buffer.from(record.wrappedPrivateKey, 'base64'),
      EncryptionContext: { tenderId: record.tenderId },
    }),
  );
  if (!result.Plaintext)
    throw new Error(`KMS returned no plaintext for tender ${record.tenderId}'s opening key`);
  const key = await importOpeningPrivateKeyForNode(result.Plaintext);
  result.Plaintext.fill(0);
  if (key.publicKey.keyId !== record.keyId) {
    throw new Error(`tender ${record.tenderId}: the unwrapped opening key is not the published one`);
  }
  return key;
}
