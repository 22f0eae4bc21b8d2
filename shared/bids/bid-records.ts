// How bids are stored, agreed once between submission (which writes them) and opening (which
// reads them). The bids table never holds plaintext, and never who bid: versions and pointers are
// keyed by the bidder's pseudonym on the tender (bidder-secret.ts); the contractor's id and
// signature travel sealed to the tender's opening key (sealed-identity.ts) until the opening.
import { bidVersionEntity, currentBidEntity } from '../entities/bids.ts';
import { openingKeyEntity } from '../entities/tenders.ts';

/** `active` is the one bid that counts for a bidder and lot; the others are never opened. */
export type BidStatus = 'active' | 'superseded' | 'withdrawn';

export interface BidVersionRecord {
  readonly bidId: string;
  readonly tenderId: string;
  readonly lotId: string;
  /** The contractor's pseudonym on this tender; the opening minutes say whose it was. */
  readonly bidderRef: string;
  /** 1 for the first submission of this bidder on this lot, +1 for each replacement. */
  readonly version: number;
  readonly status: BidStatus;
  /** Key and S3 version id of the sealed envelope in the `bids` bucket. */
  readonly envelopeKey: string;
  readonly envelopeVersionId?: string;
  /** SHA-256 of the whole envelope, lowercase hex; the contractor signed over it. */
  readonly envelopeSha256: string;
  readonly envelopeSize: number;
  /**
   * The contractor's id, signing key id and signature(s) (BidderIdentity), sealed to the tender's
   * opening key and bound to this bid: only the opener reads them, after the deadline.
   */
  readonly sealedIdentity: string;
  /** The server's clock when the commit was accepted: the only time that decides lateness. */
  readonly receivedAt: string;
  readonly withdrawnAt?: string;
  readonly supersededBy?: string;
  /** The audit event of the submission, which the receipt cites and the log integrates. */
  readonly auditEventId: string;
  /** The audit event of the withdrawal, once withdrawn. */
  readonly withdrawalEventId?: string;
  /**
   * base64url of 32 random bytes: the salt of this version's events' tenderCommitment
   * (shared/bids/bid-events.ts). Not in the events; the opening minutes publish it. Absent only on
   * versions stored without events (test fixtures).
   */
  readonly tenderSalt?: string;
  /** The tender revision the bid was committed on (confirmation-rule.ts); absent on older versions. */
  readonly tenderRevision?: number;
  /**
   * The latest tender revision the bidder confirmed this version on (functions/bid-commit/confirm.ts),
   * with its signature sealed to the opening key (sealed-identity.ts, bound to the bid and that
   * revision), so the opener checks the confirmation as it checks the submission.
   */
  readonly confirmedRevision?: number;
  readonly confirmedAt?: string;
  readonly sealedConfirmation?: string;
  /** Audit events of every confirmation, oldest first (the minutes list them with the bid's). */
  readonly confirmationEventIds?: readonly string[];
}

/** One per bidder and lot: points at the bid version that counts (or records a withdrawal). */
export interface CurrentBidPointer {
  readonly tenderId: string;
  readonly lotId: string;
  readonly bidderRef: string;
  readonly bidId: string;
  readonly version: number;
  readonly status: 'active' | 'withdrawn';
}

export const bidKeys = {
  version: (tenderId: string, lotId: string, bidderRef: string, version: number) =>
    bidVersionEntity.key({ tenderId, lotId, bidderRef, version }),
  current: (tenderId: string, lotId: string, bidderRef: string) =>
    currentBidEntity.key({ tenderId, lotId, bidderRef }),
  /** Query prefix for every current pointer of a tender (what the opener reads). */
  currentPrefix: currentBidEntity.skPrefix({}),
};

/** Where a sealed envelope lives in the `bids` bucket. */
export const envelopeKey = (tenderId: string, lotId: string, bidderRef: string, uploadId: string) =>
  `tenders/${tenderId}/lots/${lotId}/bidders/${bidderRef}/${uploadId}.sealed`;

/**
 * The tender's opening key: the public half is published with the tender; the private half is
 * stored only as a KMS ciphertext (key `tenderKeys`, encryption context `{ tenderId }`), in the
 * tenders table under sk `OPENING_KEY`, out of reach of every public read.
 */
export interface OpeningKeyRecord {
  readonly tenderId: string;
  readonly publicKeyJwk: Record<string, string>;
  /** RFC 7638 thumbprint of the public key (the envelope header's `recipientKeyId`). */
  readonly keyId: string;
  /** base64 KMS ciphertext of the PKCS #8 private key. */
  readonly wrappedPrivateKey: string;
  readonly createdAt: string;
}

export const openingKeyKey = (tenderId: string) => openingKeyEntity.key({ tenderId });

/** The second envelope of a two-envelope bid, stored on the bid version item as `financial`. */
export interface FinancialEnvelopeRecord {
  readonly envelopeKey: string;
  readonly envelopeVersionId?: string;
  readonly envelopeSha256: string;
  readonly envelopeSize: number;
  // The contractor's signature over it (financialBinding(...) and this hash) is sealed with the
  // bidder's identity: BidderIdentity.financialSignature.
}
