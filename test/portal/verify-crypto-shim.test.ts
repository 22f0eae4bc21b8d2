// The verify page's worker runs the log library on a node:crypto shim (@noble); here the shim
// answers as node:crypto does for everything the verifier asks of it: SHA-256, P-256 public keys
// read from PEM, DER and JWK and written back, DER signature checks (high-S ones included, as KMS
// and OpenSSL make them) and refusals of altered messages and signatures.
import * as node from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as shim from '../../portal/src/verify/worker/node-crypto.ts';

const { privateKey, publicKey } = node.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const der = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
const bytes = (b: unknown) => new Uint8Array(b as Uint8Array);

describe('the worker node:crypto shim', () => {
  it('hashes as node:crypto does', () => {
    for (const input of ['', 'eproc', 'ắ'.repeat(1000)]) {
      const data = new TextEncoder().encode(input);
      expect(bytes(shim.hash('sha256', data, 'buffer'))).toEqual(bytes(node.hash('sha256', data, 'buffer')));
      const a = shim.createHash('sha256').update(input).update(data);
      const b = node.createHash('sha256').update(input).update(data);
      expect(a.digest('base64url')).toBe(b.digest('base64url'));
    }
    expect((shim.createHash('sha256').digest() as Buffer).readUInt32BE(0)).toBe(
      node.createHash('sha256').digest().readUInt32BE(0),
    );
  });

  it('reads and writes P-256 public keys as node:crypto does', () => {
    for (const key of [
      shim.createPublicKey(pem),
      shim.createPublicKey({ key: der, format: 'der', type: 'spki' }),
    ]) {
      expect(bytes(key.export({ format: 'der', type: 'spki' }))).toEqual(der);
      expect(key.export({ format: 'pem', type: 'spki' })).toBe(pem);
      expect(key.export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
      expect(key.asymmetricKeyDetails.namedCurve).toBe(publicKey.asymmetricKeyDetails?.namedCurve);
    }
    const jwk = publicKey.export({ format: 'jwk' });
    expect(bytes(shim.createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der' }))).toEqual(der);
    const other = node.generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
    expect(() => shim.createPublicKey(other.export({ format: 'pem', type: 'spki' }).toString())).toThrow();
  });

  it('accepts the DER signatures node:crypto accepts, and refuses altered ones', () => {
    const key = shim.createPublicKey(pem);
    let highS = 0;
    for (let i = 0; i < 40; i++) {
      const message = new TextEncoder().encode(`checkpoint ${i}`);
      const signature = node.sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      // s sits after r in the DER: a 33-byte s starts with 0x00, so it is above n/2.
      if (signature[signature.length - 33] === 0x00 && signature[signature.length - 34] === 0x21) highS++;
      expect(shim.verify('sha256', message, { key, dsaEncoding: 'der' }, signature)).toBe(true);
      const altered = Uint8Array.from(message);
      altered[0] = (altered[0] as number) ^ 1;
      expect(shim.verify('sha256', altered, { key, dsaEncoding: 'der' }, signature)).toBe(false);
      const badSignature = Uint8Array.from(signature);
      badSignature[badSignature.length - 1] = (badSignature.at(-1) as number) ^ 1;
      expect(shim.verify('sha256', message, { key, dsaEncoding: 'der' }, badSignature)).toBe(false);
    }
    expect(shim.verify('sha256', new Uint8Array(1), { key, dsaEncoding: 'der' }, new Uint8Array(8))).toBe(
      false,
    );
    // Random signatures are high-S half the time; the shim must not refuse those.
    expect(highS).toBeGreaterThan(0);
  });
});
