// Bid events name their tender only through a commitment, so the log read before the deadline
// (by auditors, by operators reading its table or bucket) cannot tell which entries belong to a
// tender, nor how many bids it has. The salt is chosen at bid time, kept with the bid version and
// published in the opening minutes; anyone holding the minutes then recomputes the commitment and
// ties the entry to its tender. Each field is length-prefixed, so no two inputs share bytes.
import { createHash, randomBytes } from 'node:crypto';

export const TENDER_COMMITMENT_LABEL = 'eproc/bid-tender/v1';
export const TENDER_SALT_BYTES = 32;

export interface TenderCommitmentInput {
  readonly tenderId: string;
  readonly lotId: string;
  readonly bidId: string;
  /** base64url of TENDER_SALT_BYTES random bytes. */
  readonly salt: string;
}

const field = (bytes: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
};

/** base64url(SHA-256(label || tenderId || lotId || bidId || salt)), each part length-prefixed (u32 BE). */
export function tenderCommitment({ tenderId, lotId, bidId, salt }: TenderCommitmentInput): string {
  const saltBytes = Buffer.from(salt, 'base64url');
  if (saltBytes.length !== TENDER_SALT_BYTES || saltBytes.toString('base64url') !== salt) {
    throw new RangeError(`a tender salt is ${TENDER_SALT_BYTES} bytes, base64url`);
  }
  const hash = createHash('sha256');
  for (const part of [TENDER_COMMITMENT_LABEL, tenderId, lotId, bidId].map((s) => Buffer.from(s, 'utf8'))) {
    for (const bytes of field(part)) hash.update(bytes);
  }
  for (const bytes of field(saltBytes)) hash.update(bytes);
  return hash.digest('base64url');
}

/** A fresh salt for one bid version. */
export const newTenderSalt = (): string => randomBytes(TENDER_SALT_BYTES).toString('base64url');
