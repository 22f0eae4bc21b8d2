// A bidder's confirmation that its placed bid answers an amended tender (Decree 214/2025 Art.
// 28(2)(b): bidders re-submit after an amendment; ProZorro: placed bids must be re-confirmed).
// Signed with the same registered key and encoding as the submission (signatures.ts), over a
// statement that names the bid version (its id and the envelope hash(es) it was committed with)
// and the tender revision it now answers: a published revision is an immutable snapshot
// (REV#<n>, written once), so (tenderId, tenderRevision) commits to the amended terms.
import { canonicalBytes } from '../canonical/canonical-json.ts';
import { checkBinding } from './binding.ts';
import type { Bytes } from './bytes.ts';
import { InvalidInputError } from './errors.ts';
import type { P256PublicJwk } from './jwk.ts';
import type { SealingPrimitives } from './primitives.ts';
import { type SubmissionStatement, signStatement, verifyStatement } from './signatures.ts';

export const CONFIRMATION_STATEMENT_LABEL = 'eproc-bid-confirmation-v1';

const hex64 = /^[0-9a-f]{64}$/;

export interface ConfirmationStatement extends SubmissionStatement {
  readonly bidId: string;
  /** Two-envelope bids: the financial envelope's hash, confirmed with the technical one. */
  readonly financialEnvelopeSha256?: string | undefined;
  /** The published revision of the tender the bid now answers. */
  readonly tenderRevision: number;
}

/** The exact bytes signed: RFC 8785 canonical JSON, reproducible by any verifier. */
export function confirmationStatementBytes(statement: ConfirmationStatement): Bytes {
  const { tenderId, lotId, contractorId } = checkBinding(statement);
  const { bidId, envelopeSha256, financialEnvelopeSha256, tenderRevision } = statement;
  if (typeof bidId !== 'string' || bidId.length === 0 || bidId.length > 256) {
    throw new InvalidInputError('bidId must be a non-empty string of at most 256 characters');
  }
  for (const hash of [
    envelopeSha256,
    ...(financialEnvelopeSha256 === undefined ? [] : [financialEnvelopeSha256]),
  ]) {
    if (typeof hash !== 'string' || !hex64.test(hash)) {
      throw new InvalidInputError('envelope hashes must be 64 lowercase hex digits');
    }
  }
  if (!Number.isSafeInteger(tenderRevision) || tenderRevision < 1) {
    throw new InvalidInputError('tenderRevision must be a positive integer');
  }
  return canonicalBytes({
    statement: CONFIRMATION_STATEMENT_LABEL,
    tenderId,
    lotId,
    contractorId,
    bidId,
    envelopeSha256,
    ...(financialEnvelopeSha256 === undefined ? {} : { financialEnvelopeSha256 }),
    tenderRevision,
  }) as Bytes;
}

/** Returns the base64url P1363 signature (64 bytes decoded). */
export async function signConfirmation(
  privateKey: CryptoKey,
  statement: ConfirmationStatement,
): Promise<string> {
  return await signStatement(privateKey, confirmationStatementBytes(statement));
}

/** False for any signature that does not verify (malformed ones too), as verifySubmission. */
export async function verifyConfirmation(
  publicKeyJwk: P256PublicJwk,
  statement: ConfirmationStatement,
  signature: string,
  primitives?: SealingPrimitives,
): Promise<boolean> {
  return await verifyStatement(publicKeyJwk, confirmationStatementBytes(statement), signature, primitives);
}
