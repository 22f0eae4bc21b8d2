// The opener runs the format on node:crypto, bidders' browsers on WebCrypto: every operation must
// give the same bytes on both and refuse the same inputs, or a bid sealed in a browser would not
// open (or a forged one would).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openIdentity, sealIdentity } from '../../shared/bids/sealed-identity.ts';
import {
  importOpeningPrivateKeyForNode,
  nodeSealingPrimitives as node,
} from '../../shared/opening/node-sealing-primitives.ts';
import { fromBase64Url, utf8 } from '../../shared/sealing/bytes.ts';
import {
  generateOpeningKeyPair,
  generateSigningKeyPair,
  importOpeningPrivateKey,
  jwkThumbprint,
  sha256,
  signSubmission,
  verifySubmission,
} from '../../shared/sealing/index.ts';
import { jwkToRawPoint } from '../../shared/sealing/jwk.ts';
import { signStatement } from '../../shared/sealing/signatures.ts';
import { webCryptoPrimitives as web } from '../../shared/sealing/web-primitives.ts';

const bytesOf = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => new Uint8Array(b));
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const readBigEndian = (b: Uint8Array) => b.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
const bigEndian = (n: bigint) =>
  Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn));
const anyBytes = fc.uint8Array({ maxLength: 3000 }).map((b) => new Uint8Array(b));

describe('node:crypto primitives give the bytes WebCrypto gives', () => {
  it('SHA-256, against the pure-TS digest too', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, async (data) => {
        const expected = sha256(data);
        expect(await node.sha256(data)).toEqual(expected);
        expect(await web.sha256(data)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('HKDF-SHA-256 for any salt, info and length', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytesOf(32),
        anyBytes,
        anyBytes,
        fc.integer({ min: 1, max: 255 }),
        async (ikm, salt, info, length) => {
          const expected = await web.hkdfSha256(ikm, salt, info, length);
          expect(await node.hkdfSha256(ikm, salt, info, length)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('HMAC-SHA-256: the same tag, and each verifies the other’s and refuses a changed one', async () => {
    await fc.assert(
      fc.asyncProperty(bytesOf(32), anyBytes, async (raw, data) => {
        const [a, b] = [await web.macKey(raw), await node.macKey(raw)];
        const tag = await a.sign(data);
        expect(await b.sign(data)).toEqual(tag);
        expect(await b.verify(tag, data)).toBe(true);
        const changed = tag.slice();
        changed[0] = (changed[0] as number) ^ 1;
        expect(await b.verify(changed, data)).toBe(false);
        expect(await a.verify(changed, data)).toBe(false);
        expect(await b.verify(tag.slice(0, 31), data)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('AES-256-GCM: the same ciphertext both ways, and undefined, not an exception, when it does not authenticate', async () => {
    await fc.assert(
      fc.asyncProperty(bytesOf(32), bytesOf(12), anyBytes, anyBytes, async (raw, iv, ad, plaintext) => {
        const [a, b] = [await web.aeadKey(raw), await node.aeadKey(raw)];
        const sealed = await a.encrypt(iv, ad, plaintext);
        expect(await b.encrypt(iv, ad, plaintext)).toEqual(sealed);
        expect(await b.decrypt(iv, ad, sealed)).toEqual(plaintext);
        const flipped = sealed.slice();
        flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
        expect(await b.decrypt(iv, ad, flipped)).toBeUndefined();
        expect(await a.decrypt(iv, ad, flipped)).toBeUndefined();
        expect(await b.decrypt(iv, new Uint8Array([...ad, 0]), sealed)).toBeUndefined();
        expect(await b.decrypt(iv, ad, sealed.slice(0, 15))).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });

  it('ECDH P-256 with a non-extractable opening key, and both refuse a point off the curve', async () => {
    const pair = await generateOpeningKeyPair();
    const opening = await importOpeningPrivateKeyForNode(pair.privateKeyPkcs8);
    const elsewhere = await importOpeningPrivateKey(pair.privateKeyPkcs8);
    expect(opening.key.extractable).toBe(false);
    for (let i = 0; i < 5; i++) {
      const peer = jwkToRawPoint((await generateOpeningKeyPair()).publicKeyJwk);
      const expected = await web.ecdhP256(opening.key, peer);
      expect(await node.ecdhP256(opening.key, peer)).toEqual(expected);
      // A key imported without the node handle still opens, through WebCrypto.
      expect(await node.ecdhP256(elsewhere.key, peer)).toEqual(expected);
    }
    const offCurve = jwkToRawPoint(pair.publicKeyJwk);
    offCurve[64] = (offCurve[64] as number) ^ 1;
    await expect(web.ecdhP256(opening.key, offCurve)).rejects.toThrow();
    await expect(node.ecdhP256(opening.key, offCurve)).rejects.toThrow();
    await expect(node.ecdhP256(opening.key, offCurve.subarray(0, 33))).rejects.toThrow();
  });

  it('ECDSA P-256 signatures: verified alike, refused alike, unusable keys rejected alike', async () => {
    const signer = await generateSigningKeyPair();
    const statement = {
      tenderId: 'T-1',
      lotId: 'L-1',
      contractorId: 'C-1',
      envelopeSha256: 'a'.repeat(64),
    };
    const signature = await signSubmission(signer.privateKey, statement);
    for (const primitives of [web, node]) {
      expect(await verifySubmission(signer.publicKeyJwk, statement, signature, primitives)).toBe(true);
      expect(
        await verifySubmission(signer.publicKeyJwk, { ...statement, lotId: 'L-2' }, signature, primitives),
      ).toBe(false);
      expect(await verifySubmission(signer.publicKeyJwk, statement, signature.slice(0, -2), primitives)).toBe(
        false,
      );
      expect(await verifySubmission(signer.publicKeyJwk, statement, '***', primitives)).toBe(false);
      const other = await generateSigningKeyPair();
      expect(await verifySubmission(other.publicKeyJwk, statement, signature, primitives)).toBe(false);
      const offCurve = { ...signer.publicKeyJwk, y: signer.publicKeyJwk.x };
      await expect(verifySubmission(offCurve, statement, signature, primitives)).rejects.toThrow(/P-256/);
      expect(await jwkThumbprint(signer.publicKeyJwk, primitives)).toBe(signer.keyId);
    }
  });

  it('ECDSA: every signature WebCrypto makes verifies on node:crypto (r or s with leading zeros too), and malleated or zero ones are judged alike', async () => {
    const signer = await generateSigningKeyPair();
    const verifiers = [
      await web.p256Verifier(signer.publicKeyJwk),
      await node.p256Verifier(signer.publicKeyJwk),
    ];
    let leadingZero = 0;
    for (let i = 0; i < 2000; i++) {
      const message = utf8(`statement ${i}`);
      const signature = fromBase64Url(await signStatement(signer.privateKey, message));
      if (signature[0] === 0 || signature[32] === 0) leadingZero++;
      for (const verify of verifiers) expect(await verify(signature, message)).toBe(true);
    }
    // About 16 of 2,000 have one (none: p ≈ 2e-7); without one the DER conversion's edge is untested.
    expect(leadingZero).toBeGreaterThan(0);
    const message = utf8('statement 0');
    const signature = fromBase64Url(await signStatement(signer.privateKey, message));
    const malleated = signature.slice();
    malleated.set(bigEndian(P256_ORDER - readBigEndian(signature.subarray(32))), 32);
    const zeroR = signature.slice();
    zeroR.fill(0, 0, 32);
    for (const candidate of [malleated, zeroR, new Uint8Array(64), new Uint8Array(64).fill(0xff)]) {
      const [a, b] = await Promise.all(verifiers.map((verify) => verify(candidate, message)));
      expect(b).toBe(a);
    }
  });

  it('sealed bidder identities open alike and refuse another bid’s binding alike', async () => {
    const pair = await generateOpeningKeyPair();
    const opening = await importOpeningPrivateKeyForNode(pair.privateKeyPkcs8);
    const binding = { tenderId: 'T-1', lotId: 'L-1', bidderRef: 'B-1', bidId: 'bid-1' };
    const identity = { contractorId: 'C-1', signingKeyId: 'k', signature: 's', tenderRevision: 2 };
    const sealed = await sealIdentity(pair.publicKeyJwk, binding, identity);
    for (const primitives of [web, node]) {
      expect(await openIdentity(opening, binding, sealed, primitives)).toEqual(identity);
      await expect(
        openIdentity(opening, { ...binding, bidId: 'bid-2' }, sealed, primitives),
      ).rejects.toThrow();
    }
  });
});
