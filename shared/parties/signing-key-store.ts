// Signing keys live beside the contractor profile (CONTRACTOR#<id>, SIGNING_KEY#<keyId>), as their
// own items: profile updates replace the profile item and must not touch the keys.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { signingKeyEntity } from '../entities/parties.ts';
import { signingKeyLifecycle } from '../lifecycle/record-tables.ts';
import { jwkThumbprint } from '../sealing/index.ts';
import type { SigningKey } from './signing-key-schemas.ts';

const prefix = signingKeyEntity.skPrefix({});

export const signingKeyKey = (contractorId: string, keyId: string) =>
  signingKeyEntity.key({ contractorId, keyId });

export function toSigningKey(item: Record<string, unknown>): SigningKey {
  const { pk: _pk, sk: _sk, ...key } = item;
  return key as SigningKey;
}

export async function getSigningKey(contractorId: string, keyId: string): Promise<SigningKey | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: resources.table('parties'),
      Key: signingKeyKey(contractorId, keyId),
      ConsistentRead: true,
    }),
  );
  return result.Item ? toSigningKey(result.Item) : undefined;
}

export async function listSigningKeys(contractorId: string): Promise<SigningKey[]> {
  const keys: SigningKey[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: resources.table('parties'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': signingKeyEntity.pk({ contractorId }), ':prefix': prefix },
        ExclusiveStartKey: startKey,
      }),
    );
    keys.push(...(page.Items ?? []).map(toSigningKey));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The key as it will be stored, or undefined when the point is not on the curve. */
export async function newSigningKey(
  contractorId: string,
  registration: { publicKeyJwk: SigningKey['publicKeyJwk']; label?: string | undefined },
  at: string,
): Promise<SigningKey | undefined> {
  const jwk = registration.publicKeyJwk;
  try {
    await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ECDSA_P256, true, ['verify']);
  } catch {
    return undefined;
  }
  return {
    contractorId,
    keyId: await jwkThumbprint(jwk),
    publicKeyJwk: jwk,
    ...(registration.label ? { label: registration.label } : {}),
    status: signingKeyLifecycle.next('add', undefined),
    addedAt: at,
  };
}
