// How bids are stored, agreed once between submission (which writes them) and opening (which
// reads them). The bids table never holds plaintext: only the sealed envelope's location, hash
// and the contractor's signature over it.

/** `active` is the one bid that counts for a contractor and lot; the others are never opened. */
export type BidStatus = 'active' | 'superseded' | 'withdrawn';

export interface BidVersionRecord {
  readonly bidId: string;
  readonly tenderId: string;
  readonly lotId: string;
  readonly contractorId: string;
  /** 1 for the first submission of this contractor on this lot, +1 for each replacement. */
  readonly version: number;
  readonly status: BidStatus;
  /** Key and S3 version id of the sealed envelope in the `bids` bucket. */
  readonly envelopeKey: string;
  readonly envelopeVersionId?: string;
  /** SHA-256 of the whole envelope, lowercase hex; the contractor signed over it. */
  readonly envelopeSha256: string;
  readonly envelopeSize: number;
  /** ECDSA P-256 (IEEE P1363, base64url) over the submission statement (shared/sealing/signatures.ts). */
  readonly signature: string;
  /** RFC 7638 thumbprint of the contractor's signing key that made `signature`. */
  readonly signingKeyId: string;
  /** The server's clock when the commit was accepted: the only time that decides lateness. */
  readonly receivedAt: string;
  readonly withdrawnAt?: string;
  readonly supersededBy?: string;
  /** The audit event of the submission, which the receipt cites and the log integrates. */
  readonly auditEventId: string;
}

/** One per contractor and lot: points at the bid version that counts (or records a withdrawal). */
export interface CurrentBidPointer {
  readonly tenderId: string;
  readonly lotId: string;
  readonly contractorId: string;
  readonly bidId: string;
  readonly version: number;
  readonly status: 'active' | 'withdrawn';
}

export const bidKeys = {
  version: (tenderId: string, lotId: string, contractorId: string, version: number) => ({
    pk: `TENDER#${tenderId}`,
    sk: `BID#${lotId}#${contractorId}#${String(version).padStart(4, '0')}`,
  }),
  current: (tenderId: string, lotId: string, contractorId: string) => ({
    pk: `TENDER#${tenderId}`,
    sk: `CURRENT#${lotId}#${contractorId}`,
  }),
  /** Query prefix for every current pointer of a tender (what the opener reads). */
  currentPrefix: 'CURRENT#',
  /** A contractor's own bids across tenders: gsi1 on the bid version items. */
  byContractor: (contractorId: string) => ({ gsi1pk: `CONTRACTOR#${contractorId}` }),
};

/** Where a sealed envelope lives in the `bids` bucket. */
export const envelopeKey = (tenderId: string, lotId: string, contractorId: string, uploadId: string) =>
  `tenders/${tenderId}/lots/${lotId}/contractors/${contractorId}/${uploadId}.sealed`;

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

export const openingKeyKey = (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'OPENING_KEY' });
