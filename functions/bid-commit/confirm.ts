// Confirming a placed bid after an amendment (shared/bids/confirmation-rule.ts): the bidder signs,
// with its registered key, a statement naming the bid version and the tender revision it now
// answers (shared/sealing/confirmation.ts). Like a withdrawal it is one audited transaction with
// a signed receipt, before the deadline only; the signature travels sealed to the opening key,
// bound to the bid and the revision, so the opener checks it too. Replacing the bid also counts.
import type { Principal } from '../../shared/auth/principal.ts';
import {
  callerContractorId,
  refuseIfNoLongerOpen,
  requireBeforeDeadline,
  requireBiddable,
  stillOpenCheck,
} from '../../shared/bids/bid-access.ts';
import { bidEvent } from '../../shared/bids/bid-events.ts';
import { bidProblems } from '../../shared/bids/bid-problems.ts';
import {
  getCurrentPointer,
  getVersion,
  openConfirmation,
  ownVersions,
  sealConfirmation,
  toBidView,
  versionConfirmationUpdate,
} from '../../shared/bids/bid-store.ts';
import { bidderSecret } from '../../shared/bids/bidder-secret.ts';
import { confirmationProblems } from '../../shared/bids/confirmation-problems.ts';
import { needsConfirmation } from '../../shared/bids/confirmation-rule.ts';
import { confirmationBinding, sealIdentity } from '../../shared/bids/sealed-identity.ts';
import { ConditionFailed, writeWithAudit } from '../../shared/db/audited-write.ts';
import { isTransactionConflict, lostWriteRace } from '../../shared/db/write-conflicts.ts';
import { getSigningKey } from '../../shared/parties/signing-key-store.ts';
import { signReceipt } from '../../shared/receipts/receipt-signer.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { verifyConfirmation } from '../../shared/sealing/index.ts';
import { getTender } from '../../shared/tenders/tender-store.ts';

export interface ConfirmInput {
  readonly params: { tenderId: string; lotId: string; bidId: string };
  readonly body: { tenderRevision: number; signature: string; signingKeyId: string };
  readonly principal: Principal;
}

export async function confirmBid(input: ConfirmInput) {
  const { params, body } = input;
  const { tenderId, lotId, bidId } = params;
  // Only the caller's own bids are looked at: another contractor's bid id is simply not found.
  const contractorId = await callerContractorId(input.principal.sub);
  const secret = await bidderSecret(contractorId);
  const bidderRef = secret.bidderRef(tenderId);
  const [tender, pointer, signingKey] = await Promise.all([
    getTender(tenderId),
    getCurrentPointer(tenderId, lotId, bidderRef),
    getSigningKey(contractorId, body.signingKeyId),
  ]);
  const receivedAtMs = clock.nowMs();
  const receivedAt = new Date(receivedAtMs).toISOString();
  // Refused after the deadline exactly as bids are.
  const open = requireBiddable(tender, tenderId, lotId, receivedAtMs);
  requireBeforeDeadline(open, receivedAtMs);

  if (!pointer || pointer.bidId !== bidId || pointer.status !== 'active') {
    const older = (await ownVersions(tenderId, lotId, bidderRef)).find((v) => v.bidId === bidId);
    if (!older) throw bidProblems.bidNotFound(bidId);
    throw bidProblems.bidNotActive(bidId, older.status);
  }
  const version = await getVersion(tenderId, lotId, bidderRef, pointer.version);
  if (!version) throw new Error(`bid pointer names version ${pointer.version}, which is not stored`);
  if (!version.tenderSalt) throw new Error(`bid ${bidId} has no tender salt for its events`);

  // A confirmation answers the tender as it stands now, not a revision the bidder read before.
  if (body.tenderRevision !== open.revision) {
    throw confirmationProblems.revisionNotCurrent(body.tenderRevision, open.revision);
  }
  // The same confirmation sent again (a lost answer): its receipt, nothing written.
  if (version.confirmedRevision === body.tenderRevision) {
    const receipt = openConfirmation(secret, version);
    if (receipt) return { status: 200, body: { receipt, bid: toBidView(secret, version, open) } };
  }
  if (!needsConfirmation(open, version)) throw confirmationProblems.notRequired(bidId, open.revision);

  if (!signingKey) throw bidProblems.signingKeyUnknown(body.signingKeyId);
  if (signingKey.status !== 'active') {
    throw bidProblems.signingKeyRetired(signingKey.keyId, signingKey.retiredAt);
  }
  const statement = {
    tenderId,
    lotId,
    contractorId,
    bidId,
    envelopeSha256: version.envelopeSha256,
    ...(version.financial ? { financialEnvelopeSha256: version.financial.envelopeSha256 } : {}),
    tenderRevision: body.tenderRevision,
  };
  if (!(await verifyConfirmation(signingKey.publicKeyJwk, statement, body.signature))) {
    throw confirmationProblems.signatureInvalid();
  }

  const event = bidEvent({
    action: 'bid.confirmed',
    tenderId,
    lotId,
    bidderRef,
    bidId,
    salt: version.tenderSalt,
    // Identifiers only: the revision number says nothing of which tender it is.
    change: {
      bidderRef,
      bidId,
      version: version.version,
      tenderRevision: body.tenderRevision,
      confirmedAt: receivedAt,
    },
    at: receivedAt,
  });
  const placed = { tenderId, lotId, bidderRef, bidId };
  const [sealedConfirmation, receipt] = await Promise.all([
    sealIdentity(open.openingPublicKey.jwk, confirmationBinding(placed, body.tenderRevision), {
      contractorId,
      signingKeyId: signingKey.keyId,
      signature: body.signature,
      tenderRevision: body.tenderRevision,
    }),
    signReceipt({
      action: 'bid.confirmed',
      tenderId,
      lotId,
      contractorId,
      bidId,
      version: version.version,
      envelopeSha256: version.envelopeSha256,
      ...(version.financial ? { financialEnvelopeSha256: version.financial.envelopeSha256 } : {}),
      tenderRevision: body.tenderRevision,
      receivedAt,
      eventId: event.eventId,
    }),
  ]);
  const confirmationSeal = sealConfirmation(secret, version, receipt);
  try {
    await writeWithAudit(
      [
        stillOpenCheck(tenderId, receivedAt),
        versionConfirmationUpdate(version, {
          confirmedRevision: body.tenderRevision,
          confirmedAt: receivedAt,
          sealedConfirmation,
          confirmationSeal,
          eventId: event.eventId,
        }),
      ],
      event,
    );
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) {
      await refuseIfNoLongerOpen(tenderId, lotId, receivedAtMs);
    }
    // As at commit: another transaction holding an item changed nothing, and the client retries (503).
    if (isTransactionConflict(error)) throw bidProblems.transactionConflict();
    if (lostWriteRace(error)) throw bidProblems.concurrentChange();
    throw error;
  }
  const confirmed = {
    ...version,
    confirmedRevision: body.tenderRevision,
    confirmedAt: receivedAt,
    confirmationSeal,
  };
  return {
    status: 201,
    body: { receipt, bid: toBidView(secret, confirmed, open) },
    headers: { location: `/tenders/${tenderId}/lots/${lotId}/bids/${bidId}` },
  };
}
