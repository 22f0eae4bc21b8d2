// A tender's opening key pair, made when the tender is published. The public half is published
// with the tender; the private half exists in plaintext only inside this call, and is stored only
// as a KMS ciphertext bound to the tender id (encryption context), which only the opener may
// decrypt. The record goes into the publishing transaction, so no published tender lacks one.
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { resources } from '../config/settings.ts';
import type { TransactItem } from '../db/audited-write.ts';
import { traced } from '../runtime/tracer.ts';
import { generateOpeningKeyPair, type P256PublicJwk } from '../sealing/index.ts';
import { type OpeningKeyRecord, openingKeyKey } from './bid-records.ts';

const kms = traced(new KMSClient({}));

export interface PublishedOpeningKey {
  /** RFC 7638 thumbprint: sealed envelopes name their recipient key by it. */
  readonly keyId: string;
  readonly jwk: P256PublicJwk;
}

export async function newOpeningKey(
  tenderId: string,
  createdAt: string,
): Promise<{ publicKey: PublishedOpeningKey; put: TransactItem }> {
  const pair = await generateOpeningKeyPair();
  let wrapped: Uint8Array | undefined;
  try {
    const result = await kms.send(
      new EncryptCommand({
        KeyId: resources.keyId('tenderKeys'),
        Plaintext: pair.privateKeyPkcs8,
        EncryptionContext: { tenderId },
      }),
    );
    wrapped = result.CiphertextBlob;
  } finally {
    pair.privateKeyPkcs8.fill(0);
  }
  if (!wrapped) throw new Error('KMS returned no ciphertext for the opening key');
  const record: OpeningKeyRecord = {
    tenderId,
    publicKeyJwk: { ...pair.publicKeyJwk },
    keyId: pair.keyId,
    wrappedPrivateKey: Buffer.from(wrapped).toString('base64'),
    createdAt,
  };
  return {
    publicKey: { keyId: pair.keyId, jwk: pair.publicKeyJwk },
    put: {
      Put: {
        TableName: resources.table('tenders'),
        Item: { ...openingKeyKey(tenderId), ...record },
        // One key per tender, for good: a second publication cannot swap it.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}
