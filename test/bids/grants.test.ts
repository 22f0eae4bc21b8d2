// The function that accepts bids cannot read one: in the catalog it has no read grant on the bids
// bucket and no decrypt grant on the tender keys, so neither the CDK role nor the local worker's
// environment gives it a way to the bytes or to an opening key.
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { functionEnvironment } from '../../infra/local/function-pool.ts';
import { bucketEnv, keyEnv } from '../../shared/resources/env-names.ts';

const byOperation = (operationId: string): [string, FunctionSpec] => {
  const found = Object.entries(functionSpecs).filter(
    ([, spec]) =>
      spec.trigger.kind === 'http' && spec.trigger.routes.some((r) => r.operationId === operationId),
  );
  expect(found, operationId).toHaveLength(1);
  return found[0]!;
};

const readsBids = (spec: FunctionSpec) =>
  spec.grants.some(
    (g) => 'bucket' in g && g.bucket === 'bids' && (g.access === 'read' || g.access === 'readWrite'),
  );
const decryptsTenderKeys = (spec: FunctionSpec) =>
  spec.grants.some((g) => 'key' in g && g.key === 'tenderKeys' && g.access === 'decrypt');

describe('grants of the bid functions', () => {
  it('give the committing function only the attributes of sealed envelopes, never their bytes or a tender key', () => {
    const [, commit] = byOperation('commitBid');
    expect(readsBids(commit)).toBe(false);
    expect(decryptsTenderKeys(commit)).toBe(false);
    expect(commit.grants).toContainEqual({ bucket: 'bids', access: 'attributes', prefix: 'tenders/' });
    expect(commit.grants.filter((g) => 'key' in g)).toEqual([
      { key: 'receipts', access: 'sign' },
      { key: 'receipts', access: 'publicKey' },
      // Pseudonyms and the bidder's own sealed copies: a MAC key, which decrypts nothing.
      { key: 'bidders', access: 'mac' },
    ]);
    // The same function withdraws: one role for every way a bid changes.
    expect(byOperation('withdrawBid')[1]).toBe(commit);
  });

  it('give no bid-facing function a way to read a bid or unwrap an opening key', () => {
    for (const operationId of [
      'requestBidUpload',
      'commitBid',
      'withdrawBid',
      'getOwnBid',
      'listOwnBids',
      'listReceivedBids',
      'receiptPublicKey',
    ]) {
      const [name, spec] = byOperation(operationId);
      expect(readsBids(spec), name).toBe(false);
      expect(decryptsTenderKeys(spec), name).toBe(false);
    }
    // Publishing a tender wraps its key: encrypt, never decrypt.
    const [, publish] = byOperation('publishTender');
    expect(publish.grants.filter((g) => 'key' in g && g.key === 'tenderKeys')).toEqual([
      { key: 'tenderKeys', access: 'encrypt' },
    ]);
  });

  it('leave the local worker of the committing function without the tender key, and with the bucket name only for attributes', () => {
    const [, commit] = byOperation('commitBid');
    const everything = {
      [keyEnv('tenderKeys')]: 'tender-key',
      [keyEnv('receipts')]: 'receipt-key',
      [bucketEnv('bids')]: 'bids-bucket',
      SOME_SETTING: '1',
    };
    const env = functionEnvironment(commit, everything);
    expect(env[keyEnv('tenderKeys')]).toBeUndefined();
    expect(env[keyEnv('receipts')]).toBe('receipt-key');
    expect(env[bucketEnv('bids')]).toBe('bids-bucket');
    expect(env.SOME_SETTING).toBe('1');
  });
});
