// Withdrawing the active bid before the deadline: the version stays stored (status withdrawn)
// with its withdrawal receipt, the pointer records the withdrawal, and the opener skips it.
import type { Principal } from '../../shared/auth/principal.ts';
import type { Role } from '../../shared/auth/roles.ts';
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
  ownVersions,
  pointerPut,
  sealWithdrawal,
  toBidView,
  versionStatusUpdate,
} from '../../shared/bids/bid-store.ts';
import { bidderSecret } from '../../shared/bids/bidder-secret.ts';
import { ConditionFailed, writeWithAudit } from '../../shared/db/audited-write.ts';
import { isTransactionConflict, lostWriteRace } from '../../shared/db/write-conflicts.ts';
import { bidPointerLifecycle, bidVersionLifecycle } from '../../shared/lifecycle/record-tables.ts';
import { signReceipt } from '../../shared/receipts/receipt-signer.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { getTender } from '../../shared/tenders/tender-store.ts';

export async function withdrawBid(input: {
  params: { tenderId: string; lotId: string; bidId: string };
  principal: Principal;
  role: Role;
}) {
  const { tenderId, lotId, bidId } = input.params;
  // Only the caller's own bids are looked at: another contractor's bid id is simply not found.
  const contractorId = await callerContractorId(input.principal.sub);
  const secret = await bidderSecret(contractorId);
  const bidderRef = secret.bidderRef(tenderId);
  const [tender, pointer] = await Promise.all([
    getTender(tenderId),
    getCurrentPointer(tenderId, lotId, bidderRef),
  ]);
  const receivedAtMs = clock.nowMs();
  const receivedAt = new Date(receivedAtMs).toISOString();
  requireBeforeDeadline(requireBiddable(tender, tenderId, lotId, receivedAtMs), receivedAtMs);

  if (!pointer || pointer.bidId !== bidId || pointer.status !== 'active') {
    const older = (await ownVersions(tenderId, lotId, bidderRef)).find((v) => v.bidId === bidId);
    if (!older) throw bidProblems.bidNotFound(bidId);
    throw bidProblems.bidNotActive(bidId, older.status);
  }
  const version = await getVersion(tenderId, lotId, bidderRef, pointer.version);
  if (!version) throw new Error(`bid pointer names version ${pointer.version}, which is not stored`);

  // Versions stored by this code always have a salt; one without could not be tied to its tender.
  if (!version.tenderSalt) throw new Error(`bid ${bidId} has no tender salt for its events`);
  const event = bidEvent({
    action: 'bid.withdrawn',
    tenderId,
    lotId,
    bidderRef,
    bidId,
    salt: version.tenderSalt,
    change: { bidderRef, bidId, version: version.version, withdrawnAt: receivedAt },
    at: receivedAt,
  });
  const receipt = await signReceipt({
    action: 'bid.withdrawn',
    tenderId,
    lotId,
    contractorId,
    bidId,
    version: version.version,
    envelopeSha256: version.envelopeSha256,
    receivedAt,
    eventId: event.eventId,
  });
  try {
    await writeWithAudit(
      [
        stillOpenCheck(tenderId, receivedAt),
        versionStatusUpdate(version, 'withdraw', {
          withdrawnAt: receivedAt,
          withdrawalEventId: event.eventId,
          withdrawalSeal: sealWithdrawal(secret, version, receipt),
        }),
        pointerPut({ ...pointer, status: bidPointerLifecycle.next('withdraw', pointer.status) }, pointer),
      ],
      event,
    );
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) {
      await refuseIfNoLongerOpen(tenderId, lotId, receivedAtMs);
    }
    if (isTransactionConflict(error)) throw bidProblems.transactionConflict();
    if (lostWriteRace(error)) throw bidProblems.concurrentChange();
    throw error;
  }
  return {
    body: {
      receipt,
      bid: {
        ...toBidView(
          secret,
          {
            ...version,
            status: bidVersionLifecycle.next('withdraw', version.status),
            withdrawnAt: receivedAt,
          },
          tender,
        ),
        withdrawalReceipt: receipt,
      },
    },
  };
}
