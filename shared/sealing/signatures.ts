// Contractor signatures over submissions: ECDSA P-256 with SHA-256.
//
// Signatures are IEEE P1363 encoded, i.e. the raw 64-byte r || s (each 32 bytes, big-endian),
// which is what WebCrypto produces and expects. This is not the ASN.1/DER form used by OpenSSL
// and X.509 by default (node:crypto needs dsaEncoding: 'ieee-p1363' to interoperate). ECDSA
// signatures are malleable ((r, s) and (r, n - s) both verify), so never use one as an identifier.

import { canonicalBytes } from '../canonical/canonical-json.ts';
import { type BidBinding, checkBinding } from './binding.ts';
import { type Bytes, fromBase64Url, toBase64Url } from './bytes.ts';
import { InvalidInputError, InvalidKeyError } from './errors.ts';
import { checkP256PublicJwk, jwkThumbprint, type P256PublicJwk } from './jwk.ts';
import type { SealingPrimitives, SignatureVerifier } from './primitives.ts';
import { webCryptoPrimitives } from './web-primitives.ts';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const SIGNATURE_LENGTH = 64;
export const SUBMISSION_STATEMENT_LABEL = 'eproc-submission-v1';

export interface SigningKeyPair {
  /** Keep it non-extractable in browsers (IndexedDB can store a CryptoKey as is). */
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: P256PublicJwk;
  /** RFC 7638 thumbprint of publicKeyJwk. */
  readonly keyId: string;
}

export interface SubmissionStatement extends BidBinding {
  /** Lowercase hex SHA-256 of the whole envelope object. */
  readonly envelopeSha256: string;
}

export async function generateSigningKeyPair(
  options: { extractable?: boolean } = {},
): Promise<SigningKeyPair> {
  const pair = await crypto.subtle.generateKey(ECDSA_P256, options.extractable ?? false, ['sign', 'verify']);
  const publicKeyJwk = checkP256PublicJwk(await crypto.subtle.exportKey('jwk', pair.publicKey));
  return { privateKey: pair.privateKey, publicKeyJwk, keyId: await jwkThumbprint(publicKeyJwk) };
}

/** The exact bytes signed: RFC 8785 canonical JSON, reproducible by any verifier. */
export function submissionStatementBytes(statement: SubmissionStatement): Bytes {
  const { tenderId, lotId, contractorId } = checkBinding(statement);
  const { envelopeSha256 } = statement;
  if (typeof envelopeSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(envelopeSha256)) {
    throw new InvalidInputError('envelopeSha256 must be 64 lowercase hex digits');
  }
  return canonicalBytes({
    statement: SUBMISSION_STATEMENT_LABEL,
    tenderId,
    lotId,
    contractorId,
    envelopeSha256,
  }) as Bytes;
}

/** Returns the base64url P1363 signature (64 bytes decoded). */
export async function signSubmission(privateKey: CryptoKey, statement: SubmissionStatement): Promise<string> {
  return await signStatement(privateKey, submissionStatementBytes(statement));
}

/** Signs a statement's exact bytes: base64url P1363 (64 bytes decoded). */
export async function signStatement(privateKey: CryptoKey, message: Bytes): Promise<string> {
  const signature = await crypto.subtle.sign(ECDSA_SHA256, privateKey, message);
  return toBase64Url(new Uint8Array(signature));
}

/**
 * False for any signature that does not verify, including malformed ones; throws only when the
 * public key or the statement itself is unusable, which is a caller bug rather than a forgery.
 */
export async function verifySubmission(
  publicKeyJwk: P256PublicJwk,
  statement: SubmissionStatement,
  signature: string,
  primitives?: SealingPrimitives,
): Promise<boolean> {
  return await verifyStatement(publicKeyJwk, submissionStatementBytes(statement), signature, primitives);
}

/** Whether `signature` verifies over a statement's exact bytes; throws only for an unusable key. */
export async function verifyStatement(
  publicKeyJwk: P256PublicJwk,
  message: Bytes,
  signature: string,
  primitives: SealingPrimitives = webCryptoPrimitives,
): Promise<boolean> {
  const jwk = checkP256PublicJwk(publicKeyJwk);
  let verify: SignatureVerifier;
  try {
    verify = await primitives.p256Verifier(jwk);
  } catch (cause) {
    throw new InvalidKeyError(`not a valid P-256 public key: ${(cause as Error).message}`);
  }
  let raw: Bytes;
  try {
    raw = fromBase64Url(signature);
  } catch {
    return false;
  }
  if (raw.length !== SIGNATURE_LENGTH) return false;
  return verify(raw, message);
}
