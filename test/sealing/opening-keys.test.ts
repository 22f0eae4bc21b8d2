import { createPrivateKey, createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../shared/sealing/bytes.ts';
import { InvalidKeyError } from '../../shared/sealing/errors.ts';
import { jwkThumbprint } from '../../shared/sealing/jwk.ts';
import {
  generateOpeningKeyPair,
  importOpeningPrivateKey,
  importOpeningPublicKey,
} from '../../shared/sealing/opening-keys.ts';

describe('tender opening keys', () => {
  it('generates a P-256 key pair with a public JWK, the same key as a raw point, and an RFC 7638 key id', async () => {
    const pair = await generateOpeningKeyPair();
    expect(pair.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(Object.keys(pair.publicKeyJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const raw = fromBase64Url(pair.publicKeyRaw);
    expect(raw.length).toBe(65);
    expect(raw[0]).toBe(4);
    expect(toBase64Url(raw.subarray(1, 33))).toBe(pair.publicKeyJwk.x);
    expect(pair.keyId).toBe(await calculateJwkThumbprint(pair.publicKeyJwk, 'sha256'));
  });

  it('exports the private key as standard PKCS #8 DER that other stacks can load', async () => {
    const pair = await generateOpeningKeyPair();
    const nodeKey = createPrivateKey({
      key: Buffer.from(pair.privateKeyPkcs8),
      format: 'der',
      type: 'pkcs8',
    });
    expect(nodeKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const publicJwk = createPublicKey(nodeKey).export({ format: 'jwk' });
    expect({ x: publicJwk.x, y: publicJwk.y }).toEqual({ x: pair.publicKeyJwk.x, y: pair.publicKeyJwk.y });
  });

  it('imports the public key from JWK, raw bytes and raw base64url to the same key id', async () => {
    const pair = await generateOpeningKeyPair();
    const ids = await Promise.all([
      importOpeningPublicKey(pair.publicKeyJwk),
      importOpeningPublicKey(fromBase64Url(pair.publicKeyRaw)),
      importOpeningPublicKey(pair.publicKeyRaw),
    ]);
    expect(ids.map((k) => k.keyId)).toEqual([pair.keyId, pair.keyId, pair.keyId]);
  });

  it('imports the PKCS #8 private key as non-extractable and recovers its public half', async () => {
    const pair = await generateOpeningKeyPair();
    const opening = await importOpeningPrivateKey(pair.privateKeyPkcs8);
    expect(opening.publicKey.keyId).toBe(pair.keyId);
    expect(opening.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', opening.key)).rejects.toThrow();
  });

  it('refuses private JWKs, other curves, off-curve points and garbage', async () => {
    const pair = await generateOpeningKeyPair();
    const exported = await crypto.subtle.exportKey(
      'jwk',
      await crypto.subtle.importKey(
        'pkcs8',
        pair.privateKeyPkcs8,
        { name: 'ECDH', namedCurve: 'P-256' },
        true,
        ['deriveBits'],
      ),
    );
    const y = fromBase64Url(pair.publicKeyJwk.y);
    y[31] = (y[31] as number) ^ 1;
    const offCurve = { ...pair.publicKeyJwk, y: toBase64Url(y) };
    const attempts = [
      importOpeningPublicKey(exported as never),
      importOpeningPublicKey({ ...pair.publicKeyJwk, crv: 'P-384' } as never),
      importOpeningPublicKey(offCurve),
      importOpeningPublicKey(new Uint8Array(65)),
      importOpeningPublicKey('not base64url!'),
      importOpeningPrivateKey(new Uint8Array([48, 3, 2, 1, 0])),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(InvalidKeyError);
  });

  it('computes the RFC 7638 thumbprint exactly as jose does', async () => {
    for (let i = 0; i < 5; i++) {
      const { publicKeyJwk } = await generateOpeningKeyPair();
      expect(await jwkThumbprint(publicKeyJwk)).toBe(await calculateJwkThumbprint(publicKeyJwk, 'sha256'));
    }
  });
});
