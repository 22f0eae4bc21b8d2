// Who bid must stay as secret as what was bid until the deadline, also from an operator who can
// read every table, bucket and log. So bids are never stored under a contractor's id: each
// contractor has a secret (a KMS HMAC of its id under the `bidders` key, which only the bid
// functions may use), and everything about its bids is keyed and sealed with values derived
// from that secret and the tender:
//   - bidderRef: the contractor's pseudonym on one tender (different on every tender, so the
//     opening of one tender, which reveals its pseudonyms, says nothing about another);
//   - the seal key of the copies only the bidder reads back (receipts, signing key);
//   - the MAC keys of idempotency records and of the contractor's own index of bids.
// Without KMS access none of these can be computed, so a contractor id cannot be tried against
// what is stored. The opener learns identities differently: each bid carries its contractor's id
// sealed to the tender's opening key (sealed-identity.ts), readable only after the deadline.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { canonicalJson, type JsonValue } from '../canonical/canonical-json.ts';
import { resources } from '../config/settings.ts';
import { traced } from '../runtime/tracer.ts';

const kms = traced(new KMSClient({}));
const LABEL = 'eproc-bidder-v1';

export interface BidderSecret {
  readonly contractorId: string;
  /** The contractor's pseudonym on `tenderId`: 22 base64url characters (128 bits). */
  bidderRef(tenderId: string): string;
  /** The partition of the contractor's own index of bids (cross-tender, entries sealed). */
  readonly ownerRef: string;
  /** A keyed digest: equal inputs give equal outputs for this contractor only. */
  mac(purpose: string, value: string): string;
  /** AES-256-GCM under a key of this contractor and `scope`; `context` is bound as associated data. */
  seal(scope: string, context: Record<string, JsonValue>, payload: JsonValue): string;
  /** The payload `seal` was given; throws if the ciphertext or its context was changed. */
  open<T>(scope: string, context: Record<string, JsonValue>, sealed: string): T;
}

const hmac = (key: Uint8Array, ...parts: string[]) =>
  createHmac('sha256', key).update(parts.join('\u0000')).digest();

function derive(contractorId: string, secret: Uint8Array): BidderSecret {
  const keyFor = (scope: string) => hmac(secret, 'seal', scope);
  return {
    contractorId,
    bidderRef: (tenderId) => hmac(secret, 'bidder-ref', tenderId).subarray(0, 16).toString('base64url'),
    ownerRef: hmac(secret, 'owner-ref').subarray(0, 16).toString('base64url'),
    mac: (purpose, value) => hmac(secret, 'mac', purpose, value).toString('base64url'),
    seal(scope, context, payload) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyFor(scope), nonce);
      cipher.setAAD(Buffer.from(canonicalJson({ label: LABEL, scope, context })));
      const body = Buffer.concat([cipher.update(canonicalJson(payload), 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
    },
    open<T>(scope: string, context: Record<string, JsonValue>, sealed: string): T {
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length < 28) throw new Error('sealed value too short');
      const decipher = createDecipheriv('aes-256-gcm', keyFor(scope), bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(canonicalJson({ label: LABEL, scope, context })));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    },
  };
}

// Warm functions keep secrets they derived (one KMS call per contractor, not per request).
const cache = new Map<string, Promise<BidderSecret>>();
const CACHE_LIMIT = 2_000;

export function bidderSecret(contractorId: string): Promise<BidderSecret> {
  // Under the key's name too: a process whose resources change reads under the new key.
  const keyId = resources.keyId('bidders');
  const entry = `${keyId}\u0000${contractorId}`;
  const cached = cache.get(entry);
  if (cached) return cached;
  const pending = kms
    .send(
      new GenerateMacCommand({
        KeyId: keyId,
        MacAlgorithm: 'HMAC_SHA_256',
        Message: Buffer.from(`${LABEL}\u0000${contractorId}`, 'utf8'),
      }),
    )
    .then((result) => {
      if (!result.Mac) throw new Error('KMS returned no MAC for a bidder secret');
      return derive(contractorId, result.Mac);
    });
  pending.catch(() => cache.delete(entry));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(entry, pending);
  return pending;
}
