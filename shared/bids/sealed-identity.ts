// Who made a bid, sealed to the tender's opening key when the bid is committed, so that only the
// opener, after the deadline, learns it (with the contractor's signature, which would otherwise
// identify the signer to anyone who tries every registered key).
//
//   sealed = base64url( ephemeral point (65) ‖ nonce (12) ‖ AES-256-GCM(payload) ‖ tag (16) )
//   key    = HKDF-SHA-256(ECDH(ephemeral, tender key), salt = "", info = label ‖ both points)
//   AD     = RFC 8785 JSON of { label, tenderId, lotId, bidderRef, bidId }
//
// The associated data pins the sealed identity to its bid: copied onto another bid (to claim
// someone's price, say) it no longer opens.
import { canonicalBytes } from '../canonical/canonical-json.ts';
import {
  type Bytes,
  concatBytes,
  copyBytes,
  fromBase64Url,
  lengthPrefixed,
  toBase64Url,
  utf8,
} from '../sealing/bytes.ts';
import {
  importOpeningPublicKey,
  type OpeningPrivateKey,
  type OpeningPublicKey,
  type P256PublicJwk,
} from '../sealing/index.ts';
import type { AeadKey, SealingPrimitives } from '../sealing/primitives.ts';
import { webCryptoPrimitives } from '../sealing/web-primitives.ts';

const LABEL = 'eproc-bidder-identity-v1';
const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const POINT_LENGTH = 65;
const NONCE_LENGTH = 12;

/** What the opener needs to check a bid and name its bidder. */
export interface BidderIdentity {
  readonly contractorId: string;
  readonly signingKeyId: string;
  /** Over the submission statement of the (technical) envelope. */
  readonly signature: string;
  /** Two-envelope bids: over the financial envelope's statement. */
  readonly financialSignature?: string;
  /**
   * The tender revision the bid was committed on, sealed with it so that no one can change which
   * amendment a bid answers (shared/bids/confirmation-rule.ts). Absent on older bids.
   */
  readonly tenderRevision?: number;
}

/**
 * A confirmation's seal binds the bid and the revision it confirms: bidId `<bidId>#confirmation#<n>`,
 * so it opens neither as another bid's nor as another revision's confirmation. The payload is a
 * BidderIdentity whose signature is over the confirmation statement (shared/sealing/confirmation.ts).
 */
export const confirmationBinding = (b: IdentityBinding, tenderRevision: number): IdentityBinding => ({
  ...b,
  bidId: `${b.bidId}#confirmation#${tenderRevision}`,
});

export interface IdentityBinding {
  readonly tenderId: string;
  readonly lotId: string;
  readonly bidderRef: string;
  readonly bidId: string;
}

const associatedData = (b: IdentityBinding) =>
  copyBytes(
    canonicalBytes({
      label: LABEL,
      tenderId: b.tenderId,
      lotId: b.lotId,
      bidderRef: b.bidderRef,
      bidId: b.bidId,
    }),
  );

/**
 * The AES-256-GCM key of one sealed identity: HKDF-SHA-256 over the ECDH secret, bound to both
 * points. One derivation for sealing and opening, so the two cannot drift apart. Wipes the secret.
 */
async function identityKey(
  primitives: SealingPrimitives,
  shared: Bytes,
  ephemeral: Bytes,
  recipient: Bytes,
): Promise<AeadKey> {
  const raw = await primitives.hkdfSha256(
    shared,
    new Uint8Array(0),
    lengthPrefixed([utf8(LABEL), ephemeral, recipient]),
    32,
  );
  shared.fill(0);
  const key = await primitives.aeadKey(raw);
  raw.fill(0);
  return key;
}

export async function sealIdentity(
  tenderPublicKey: P256PublicJwk | OpeningPublicKey,
  binding: IdentityBinding,
  identity: BidderIdentity,
): Promise<string> {
  const recipient =
    'key' in tenderPublicKey ? tenderPublicKey : await importOpeningPublicKey(tenderPublicKey);
  const ephemeral = await crypto.subtle.generateKey(ECDH_P256, false, ['deriveBits']);
  const point = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const shared = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: recipient.key },
    ephemeral.privateKey,
    256,
  );
  const key = await identityKey(webCryptoPrimitives, new Uint8Array(shared), point, recipient.raw);
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_LENGTH));
  const sealed = await key.encrypt(nonce, associatedData(binding), copyBytes(canonicalBytes(identity)));
  return toBase64Url(concatBytes([point, nonce, sealed]));
}

/** Throws if the value was not sealed to this key for this very bid, or was changed since. */
export async function openIdentity(
  openingKey: OpeningPrivateKey,
  binding: IdentityBinding,
  sealed: string,
  primitives: SealingPrimitives = webCryptoPrimitives,
): Promise<BidderIdentity> {
  const bytes = fromBase64Url(sealed);
  if (bytes.length < POINT_LENGTH + NONCE_LENGTH + 16) throw new Error('sealed identity too short');
  const point = bytes.slice(0, POINT_LENGTH);
  const shared = await primitives.ecdhP256(openingKey.key, point);
  const key = await identityKey(primitives, shared, point, openingKey.publicKey.raw);
  const plain = await key.decrypt(
    bytes.slice(POINT_LENGTH, POINT_LENGTH + NONCE_LENGTH),
    associatedData(binding),
    bytes.slice(POINT_LENGTH + NONCE_LENGTH),
  );
  if (!plain) throw new Error('the sealed identity does not authenticate for this bid and key');
  const identity = JSON.parse(new TextDecoder().decode(plain)) as BidderIdentity;
  if (typeof identity.contractorId !== 'string' || typeof identity.signature !== 'string') {
    throw new Error('sealed identity lacks a contractor or a signature');
  }
  return identity;
}
