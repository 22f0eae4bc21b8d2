// The contractor's signing key on disk: a private JWK (ECDSA P-256) written by `eproc bid keygen`
// with owner-only permissions. It never leaves this machine; only its public half is registered.
import { jwkThumbprint } from '../../sealing/index.ts';
import { checkP256PublicJwk, type P256PublicJwk } from '../../sealing/jwk.ts';
import { CliError, readJson } from './cli-support.ts';

export interface SigningKeyFile {
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: P256PublicJwk;
  readonly keyId: string;
}

export async function readSigningKey(path: string): Promise<SigningKeyFile> {
  const jwk = readJson(path, 'signing key') as Record<string, unknown> | null;
  if (typeof jwk?.d !== 'string')
    throw new CliError(`${path} holds no private key (expected a JWK with "d")`);
  let publicKeyJwk: P256PublicJwk;
  let privateKey: CryptoKey;
  try {
    publicKeyJwk = checkP256PublicJwk({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
    privateKey = await crypto.subtle.importKey(
      'jwk',
      { ...publicKeyJwk, d: jwk.d as string, ext: false },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
  } catch (error) {
    throw new CliError(`${path} is not an ECDSA P-256 private JWK: ${(error as Error).message}`);
  }
  return { privateKey, publicKeyJwk, keyId: await jwkThumbprint(publicKeyJwk) };
}
