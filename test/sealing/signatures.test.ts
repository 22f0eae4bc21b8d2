import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import fc from 'fast-check';
import { calculateJwkThumbprint } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../shared/sealing/bytes.ts';
import { InvalidInputError, InvalidKeyError } from '../../shared/sealing/errors.ts';
import {
  generateSigningKeyPair,
  type SigningKeyPair,
  type SubmissionStatement,
  signSubmission,
  submissionStatementBytes,
  verifySubmission,
} from '../../shared/sealing/signatures.ts';

const statement: SubmissionStatement = {
  tenderId: 'T-2026-0042',
  lotId: 'lot-1',
  contractorId: 'C-1001',
  envelopeSha256: 'a'.repeat(64),
};

let pair: SigningKeyPair;
let signature: string;

beforeAll(async () => {
  pair = await generateSigningKeyPair();
  signature = await signSubmission(pair.privateKey, statement);
});

describe('submission signatures', () => {
  it('verify with the signer public key', async () => {
    expect(await verifySubmission(pair.publicKeyJwk, statement, signature)).toBe(true);
  });

  it('are 64-byte IEEE P1363 r||s, verifiable by node:crypto in that encoding', () => {
    const raw = fromBase64Url(signature);
    expect(raw.length).toBe(64);
    const key = createPublicKey({ key: { ...pair.publicKeyJwk }, format: 'jwk' });
    const message = submissionStatementBytes(statement);
    expect(nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
  });

  it('sign a canonical statement that names every bound field', () => {
    expect(new TextDecoder().decode(submissionStatementBytes(statement))).toBe(
      `{"contractorId":"C-1001","envelopeSha256":"${'a'.repeat(64)}","lotId":"lot-1","statement":"eproc-submission-v1","tenderId":"T-2026-0042"}`,
    );
  });

  it('fail after any change to the statement', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('tenderId', 'lotId', 'contractorId', 'envelopeSha256'),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        async (field, text, hex) => {
          const changed = { ...statement, [field]: field === 'envelopeSha256' ? hex : text };
          fc.pre(changed[field] !== statement[field]);
          expect(await verifySubmission(pair.publicKeyJwk, changed, signature)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fail after any flipped bit in the signature', async () => {
    const raw = fromBase64Url(signature);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const tampered = raw.slice();
        tampered[at] = (tampered[at] as number) ^ (1 << bit);
        expect(await verifySubmission(pair.publicKeyJwk, statement, toBase64Url(tampered))).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('fail under another key, and for malformed signatures', async () => {
    const other = await generateSigningKeyPair();
    expect(await verifySubmission(other.publicKeyJwk, statement, signature)).toBe(false);
    expect(await verifySubmission(pair.publicKeyJwk, statement, signature.slice(0, -2))).toBe(false);
    expect(await verifySubmission(pair.publicKeyJwk, statement, '***')).toBe(false);
    expect(await verifySubmission(pair.publicKeyJwk, statement, '')).toBe(false);
  });

  it('name keys by their RFC 7638 thumbprint', async () => {
    expect(pair.keyId).toBe(await calculateJwkThumbprint(pair.publicKeyJwk, 'sha256'));
  });

  it('keep the private key non-extractable unless asked', async () => {
    expect(pair.privateKey.extractable).toBe(false);
    expect((await generateSigningKeyPair({ extractable: true })).privateKey.extractable).toBe(true);
  });

  it('refuse statements and keys that are malformed rather than returning false', async () => {
    await expect(
      signSubmission(pair.privateKey, { ...statement, envelopeSha256: 'A'.repeat(64) }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      verifySubmission(pair.publicKeyJwk, { ...statement, lotId: '' }, signature),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      verifySubmission({ ...pair.publicKeyJwk, crv: 'P-384' } as never, statement, signature),
    ).rejects.toBeInstanceOf(InvalidKeyError);
  });
});
